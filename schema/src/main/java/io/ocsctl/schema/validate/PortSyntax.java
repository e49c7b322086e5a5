package io.ocsctl.schema.validate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ocserv's port syntax for restrict-user-to-ports: {@code tcp(443)}, {@code udp(1000-2000)}, {@code
 * icmp()}.
 */
public final class PortSyntax {
  private static final Pattern PORT =
      Pattern.compile("(tcp|udp|sctp)\\((\\d{1,5})(?:-(\\d{1,5}))?\\)");
  private static final Pattern ICMP = Pattern.compile("icmp(v6)?\\(\\)");

  private PortSyntax() {}

  public static Optional<String> problem(String port) {
    String p = port.strip();
    if (ICMP.matcher(p).matches()) {
      return Optional.empty();
    }
    Matcher m = PORT.matcher(p);
    if (!m.matches()) {
      return Optional.of("not of the form proto(N)");
    }
    int from = Integer.parseInt(m.group(2));
    int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
    if (from < 1 || from > 65535 || to < 1 || to > 65535) {
      return Optional.of("port out of range 1-65535");
    }
    if (to < from) {
      return Optional.of("range end below its start");
    }
    return Optional.empty();
  }

  /**
   * Checks a whole restrict-user-to-ports value: a comma list, optionally negated as {@code
   * !(...)}.
   */
  public static Optional<String> listProblem(String value) {
    String v = value.strip();
    if (v.startsWith("!(") && v.endsWith(")")) {
      v = v.substring(2, v.length() - 1);
    }
    for (String part : v.split(",\\s*|\\s+")) {
      if (part.isBlank()) {
        continue;
      }
      Optional<String> problem = problem(part);
      if (problem.isPresent()) {
        return Optional.of("\"" + part + "\": " + problem.get());
      }
    }
    return Optional.empty();
  }
}
