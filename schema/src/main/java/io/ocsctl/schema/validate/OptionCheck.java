package io.ocsctl.schema.validate;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.Suggestions;
import io.ocsctl.schema.validate.OptionCatalogue.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks one option against the catalogue: known, allowed in this scope, repeatable, well typed.
 */
public final class OptionCheck {
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern INLINE_COMMENT = Pattern.compile("\\s#");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private OptionCheck() {}

  /** Every problem of option {@code key} with {@code values}, written {@code where} (in words). */
  public static List<Problem> check(
      String key, List<String> values, OptionScope scope, String where) {
    List<Problem> problems = new ArrayList<>();
    String option = "option " + Diagnostic.quote(key);
    Optional<OptionCatalogue.Retired> retired = OptionCatalogue.retired(key);
    if (retired.isPresent() && (scope == OptionScope.MAIN || scope == OptionScope.VHOST)) {
      problems.add(
          Problem.warning(
              option
                  + " "
                  + where
                  + " is no longer read by ocserv ("
                  + retired.get().fate()
                  + "): ocserv prints \"skipping unknown option\" and starts without it",
              "delete it; instead: " + retired.get().instead(),
              -1));
      return problems;
    }
    Optional<Option> found = OptionCatalogue.get(key);
    if (found.isEmpty()) {
      problems.add(
          new Problem(
              "unknown " + option + " " + where,
              Suggestions.didYouMean(key, OptionCatalogue.all().keySet())
                  .map(s -> "did you mean " + Diagnostic.quote(s) + "?")
                  .orElse("ocserv has no such option; docs/options-catalogue.md lists them all")));
      return problems;
    }
    Option known = found.get();
    if (!known.scopes().contains(scope)) {
      problems.add(
          new Problem(
              option + " is not allowed " + where,
              "ocserv accepts it only in " + describe(known) + "; move it there or delete it"));
    }
    if (values.isEmpty()) {
      problems.add(
          new Problem(option + " " + where + " has no value", "give it a value or delete it"));
    }
    if (values.size() > 1 && !known.repeatable()) {
      problems.add(
          new Problem(
              option + " " + where + " takes one value, not a list of " + values.size(),
              "write a single value, e.g. " + literal(values.get(0))));
    }
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      int element = values.size() > 1 ? i : -1;
      String subject = "the value " + Diagnostic.quote(value) + " of " + option + " " + where;
      if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        problems.add(
            new Problem(
                subject + " contains a control character",
                "a value must stay on one line of ocserv.conf: remove the escape sequence",
                element));
        continue;
      }
      if (value.isEmpty()) {
        problems.add(
            Problem.warning(
                subject + " is empty: ocserv skips an empty option (or reads 0 or no value)",
                "give it a value or delete the option",
                element));
        continue;
      }
      if (known.type().equals("bool")
          && !value.matches("(?i)true|false|yes|no")
          && value.contains("=")) {
        // a second '=' on the line: ocserv's READ_TF reads anything but true/yes as false
        problems.add(
            Problem.warning(
                subject + " is read by ocserv as false (only true and yes mean true)",
                "write false (or true, if that was meant)",
                element));
        continue;
      }
      if (INLINE_COMMENT.matcher(value).find()) {
        problems.add(
            new Problem(
                subject
                    + " holds a '#' after white space, where ocserv's parser cuts the line"
                    + " (an inline comment), so ocserv would read only what comes before it",
                "remove the white space before the '#'",
                element));
        continue;
      }
      if (value.startsWith("\"") || value.endsWith("\"")) {
        problems.add(
            new Problem(
                subject + " starts or ends with a double quote, which ocserv strips",
                "write the value without the quote (ocsctl adds the quotes ocserv.conf needs)",
                element));
        continue;
      }
      if (!value.equals(value.strip())) {
        problems.add(
            new Problem(
                subject + " has leading or trailing spaces",
                "ocserv strips them; write the value without them",
                element));
        continue;
      }
      int at = element;
      typeProblem(known.type(), value)
          .ifPresent(
              p ->
                  problems.add(
                      new Problem(
                          "invalid value "
                              + Diagnostic.quote(value)
                              + " for "
                              + option
                              + " "
                              + where
                              + ": "
                              + p,
                          hintFor(known.type()),
                          at)));
    }
    return problems;
  }

  /** A value as it is written in HCL: numbers and booleans bare, everything else quoted. */
  private static String literal(String value) {
    return value.matches("-?\\d+|true|false") ? value : Diagnostic.quote(value);
  }

  private static String describe(Option option) {
    List<String> where = new ArrayList<>();
    option.scopes().forEach(s -> where.add(s.description));
    return where.size() == 1
        ? where.get(0)
        : String.join(", ", where.subList(0, where.size() - 1))
            + " and "
            + where.get(where.size() - 1);
  }

  static Optional<String> typeProblem(String type, String value) {
    String t = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
    switch (t) {
      case "bool":
        return value.matches("(?i)true|false|yes|no")
            ? Optional.empty()
            : Optional.of("not a boolean");
      case "int":
      case "seconds":
      case "port":
        {
          long n;
          try {
            n = Long.parseLong(value);
          } catch (NumberFormatException e) {
            return Optional.of("not a whole number");
          }
          long min = t.equals("port") ? 1 : t.equals("seconds") ? 0 : Long.MIN_VALUE;
          long max = t.equals("port") ? 65535 : Long.MAX_VALUE;
          if (type.startsWith("int:")) {
            String[] range = type.substring(4).split("\\.\\.", -1);
            if (!range[0].isEmpty()) {
              min = Long.parseLong(range[0]);
            }
            if (range.length > 1 && !range[1].isEmpty()) {
              max = Long.parseLong(range[1]);
            }
          }
          if (n < min || n > max) {
            return Optional.of(
                "out of range "
                    + (min == Long.MIN_VALUE ? "" : min)
                    + ".."
                    + (max == Long.MAX_VALUE ? "" : max));
          }
          return Optional.empty();
        }
      case "ip":
        return isIp(value) ? Optional.empty() : Optional.of("not an IP address");
      case "netmask":
        return !isIpv4(value)
            ? Optional.of("not a dotted IPv4 netmask")
            : Networks.problem("0.0.0.0/" + value).map(p -> "not a contiguous netmask");
      case "ipv4-network":
      case "ipv6-network":
      case "route":
        if (t.equals("route") && value.equals("default")) {
          return Optional.empty();
        }
        return Networks.problem(value);
      case "enum":
        {
          List<String> allowed = List.of(type.substring(5).split("\\|"));
          return allowed.contains(value)
              ? Optional.empty()
              : Optional.of("expected one of " + String.join(", ", allowed));
        }
      case "ports":
        return PortSyntax.listProblem(value);
      default:
        return Optional.empty();
    }
  }

  static boolean isIp(String value) {
    return IPV4.matcher(value).matches() || IPV6.matcher(value).matches() && value.length() <= 45;
  }

  static boolean isIpv4(String value) {
    return IPV4.matcher(value).matches();
  }

  private static String hintFor(String type) {
    String t = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
    return switch (t) {
      case "bool" -> "write true or false";
      case "int", "seconds" ->
          "write a whole number" + (type.contains(":") ? " in " + type.substring(4) : "");
      case "port" -> "write a port number from 1 to 65535";
      case "ip" -> "write an address such as 10.0.0.53";
      case "netmask" -> "write a netmask such as 255.255.255.0 (ones, then zeros)";
      case "ipv4-network", "ipv6-network", "route" ->
          "write a network such as 10.0.0.0/8 or 10.0.0.0/255.0.0.0";
      case "enum" -> "write one of: " + type.substring(5).replace("|", ", ");
      case "ports" -> "write e.g. \"tcp(443), udp(53)\" or \"!(tcp(22))\"";
      default -> "";
    };
  }
}
