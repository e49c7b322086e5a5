package io.ocsctl.schema.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code plain} auth method as ocserv's {@code plain_get_brackets_string} reads it: the name
 * matched without regard to case, then either the legacy form {@code plain[/path]} (a bracket
 * followed by {@code /} or {@code .}: the path up to {@code ,} or {@code ]}) or {@code
 * plain[passwd=PATH,otp=PATH]} with case-insensitive keys, values trimmed. ocserv exits on any
 * other key and on a pair without {@code =} ({@link #problem} says which), and when neither file is
 * named (both empty here).
 */
public record PlainAuth(
    Optional<String> passwd, Optional<String> otp, boolean legacy, Optional<String> problem) {
  private static final String NAME = "plain";

  /** The plain method of one {@code auth} or {@code enable-auth} value, if it is one. */
  public static Optional<PlainAuth> parse(String method) {
    String value = method.strip();
    if (value.length() < NAME.length() || !value.regionMatches(true, 0, NAME, 0, NAME.length())) {
      return Optional.empty();
    }
    String rest = value.substring(NAME.length());
    if (rest.length() > 1
        && rest.charAt(0) == '['
        && (rest.charAt(1) == '/' || rest.charAt(1) == '.')) {
      int end = firstOf(rest, 1, ",]");
      if (end < 0) {
        return Optional.of(invalid("the bracket is not closed"));
      }
      return Optional.of(
          new PlainAuth(
              Optional.of(rest.substring(1, end).strip()),
              Optional.empty(),
              true,
              Optional.empty()));
    }
    int open = rest.indexOf('[');
    if (open < 0) {
      return Optional.of(
          new PlainAuth(Optional.empty(), Optional.empty(), false, Optional.empty()));
    }
    String passwd = null;
    String otp = null;
    int at = open + 1;
    while (true) {
      int eq = rest.indexOf('=', at);
      if (eq < 0) {
        return Optional.of(invalid("an option in the brackets has no '='"));
      }
      int end = firstOf(rest, eq + 1, ",");
      boolean last = end < 0;
      if (last) {
        end = rest.indexOf(']', eq + 1);
        if (end < 0) {
          return Optional.of(invalid("the bracket is not closed"));
        }
      }
      String key = rest.substring(at, eq).strip().toLowerCase(Locale.ROOT);
      String val = rest.substring(eq + 1, end).strip();
      if (key.equals("passwd")) {
        passwd = val;
      } else if (key.equals("otp")) {
        otp = val;
      } else {
        return Optional.of(
            invalid("ocserv knows no option " + quoted(key) + " of plain (only passwd and otp)"));
      }
      if (last) {
        break;
      }
      at = end + 1;
    }
    return Optional.of(
        new PlainAuth(
            Optional.ofNullable(passwd), Optional.ofNullable(otp), false, Optional.empty()));
  }

  /** The passwd file of the first plain method among {@code methods}, as written. */
  public static Optional<String> passwdOf(List<String> methods) {
    for (String method : methods) {
      Optional<PlainAuth> plain = parse(method);
      if (plain.isPresent() && plain.get().passwd().isPresent()) {
        return plain.get().passwd();
      }
    }
    return Optional.empty();
  }

  private static PlainAuth invalid(String why) {
    return new PlainAuth(Optional.empty(), Optional.empty(), false, Optional.of(why));
  }

  private static int firstOf(String s, int from, String chars) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }
}
