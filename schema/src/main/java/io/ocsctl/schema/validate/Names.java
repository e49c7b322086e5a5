package io.ocsctl.schema.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which names are safe as a file name under config-per-user/ or config-per-group/, as an ocpasswd
 * field and as a vhost section header. The rule is an allow-list, not a deny-list.
 */
public final class Names {
  public static final int MAX_LENGTH = 128;
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9*]([A-Za-z0-9.*-]{0,252})");

  private Names() {}

  /** Why {@code name} is unsafe as a user, group or policy name, or empty when it is fine. */
  public static Optional<String> problem(String name) {
    if (name.isEmpty()) {
      return Optional.of("the name is empty");
    }
    if (name.contains("..")) {
      return Optional.of(
          "the name contains \"..\", which could point outside the config directory");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      String what =
          switch (c) {
            case ':' -> "':' (it separates the fields of the ocpasswd file)";
            case ',' -> "',' (it separates groups in the ocpasswd file)";
            case '/' -> "'/' (it would name a file in another directory)";
            case '\\' -> "'\\' (a path separator on some systems)";
            case '\n' -> "a newline (it would start a new ocpasswd line)";
            case '\r' -> "a carriage return";
            case '\0' -> "a NUL byte";
            case ' ' -> "a space";
            default ->
                c < 0x20 || c == 0x7f
                    ? String.format("the control character U+%04X", (int) c)
                    : allowed(c) ? null : "'" + c + "'";
          };
      if (what != null) {
        return Optional.of("the name contains " + what);
      }
    }
    char first = name.charAt(0);
    if (first == '-') {
      return Optional.of(
          "the name starts with '-', which ocpasswd and occtl would read as an option");
    }
    if (first == '.' || first == '@' || first == '+') {
      return Optional.of(
          "the name starts with '"
              + first
              + "'"
              + (first == '.' ? ", which makes a hidden file" : ""));
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of("the name is longer than " + MAX_LENGTH + " characters");
    }
    return Optional.empty();
  }

  /**
   * [A-Za-z0-9_.@+-], tested per character without a regex: this runs for every name of a large
   * estate.
   */
  private static boolean allowed(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '_'
        || c == '.'
        || c == '@'
        || c == '+'
        || c == '-';
  }

  /** Why {@code name} is unsafe as a vhost name, or empty when it is fine. */
  public static Optional<String> vhostProblem(String name) {
    if (name.contains("/")) {
      return Optional.of("the name contains '/'");
    }
    if (!HOST.matcher(name).matches() || name.contains("..")) {
      return Optional.of("a vhost name must be a host name (letters, digits, '.', '-', '*')");
    }
    return Optional.empty();
  }
}
