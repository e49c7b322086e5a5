package io.ocsctl.schema.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which names are safe as a file name under config-per-user/ or config-per-group/, as an ocpasswd
 * field and as a vhost section header. The rule is an allow-list, not a deny-list.
 */
public final class Names {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,127}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9*]([A-Za-z0-9.*-]{0,252})");

  private Names() {}

  /** Why {@code name} is unsafe as a user or group name, or empty when it is fine. */
  public static Optional<String> problem(String name) {
    if (name.isEmpty()) {
      return Optional.of("the name is empty");
    }
    if (name.equals(".") || name.equals("..") || name.contains("..")) {
      return Optional.of("the name contains \"..\", which could point outside the config directory");
    }
    for (char c : name.toCharArray()) {
      String what = switch (c) {
        case ':' -> "':' (it separates the fields of the ocpasswd file)";
        case ',' -> "',' (it separates groups in the ocpasswd file)";
        case '/' -> "'/' (it would name a file in another directory)";
        case '\n' -> "a newline";
        case '\r' -> "a carriage return";
        case '\0' -> "a NUL byte";
        case ' ' -> "a space";
        default -> c < 0x20 || c == 0x7f ? String.format("the control character U+%04X", (int) c) : null;
      };
      if (what != null) {
        return Optional.of("the name contains " + what);
      }
    }
    if (!SAFE.matcher(name).matches()) {
      return Optional.of("the name may only use letters, digits and _ . @ + - (not first: . @ + -),"
          + " at most 128 characters");
    }
    return Optional.empty();
  }

  /** Why {@code name} is unsafe as a vhost name, or empty when it is fine. */
  public static Optional<String> vhostProblem(String name) {
    if (!HOST.matcher(name).matches() || name.contains("..")) {
      return Optional.of("a vhost name must be a host name (letters, digits, '.', '-', '*')");
    }
    return Optional.empty();
  }
}
