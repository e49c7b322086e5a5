package io.ocsctl.schema.format;

import java.util.regex.Pattern;

/**
 * How an option value read from ocserv.conf is written back: as an integer or a boolean only when
 * the loader turns that back into the identical string ({@code 0755}, {@code +1}, {@code -0},
 * {@code TRUE} and numbers of 16 digits or more stay strings; hcl4j reads numbers as doubles).
 */
public final class Scalars {
  private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]{0,14})");

  private Scalars() {}

  /** A {@code Long}, a {@code Boolean} or the string itself. */
  public static Object typed(String value) {
    if (WHOLE.matcher(value).matches() && !value.equals("-0")) {
      return Long.parseLong(value);
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    return value;
  }
}
