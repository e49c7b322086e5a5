package io.ocsctl.schema.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A traffic allowance ({@code quota = "50GiB/month"}): bytes in plus bytes out of a user's sessions
 * within one period. Units are B, KB/MB/GB/TB (powers of 1000) and KiB/MiB/GiB/TiB (powers of
 * 1024), as written by {@code ls -h --si} and {@code numfmt} respectively.
 */
public record Quota(long bytes, Period period, String written) {

  /** The period a quota counts over; each ends where the next begins. */
  public enum Period {
    DAY,
    WEEK,
    MONTH;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Pattern FORM =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?B|B)\\s*/\\s*(day|week|month)");

  /**
   * Reads {@code text}; throws {@link IllegalArgumentException} whose message says what is wrong
   * and how to write it.
   */
  public static Quota parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "quota \""
              + text
              + "\" is not an allowance per period; write e.g. \"50GiB/month\", \"500MB/day\""
              + " or \"10GiB/week\" (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
    }
    BigDecimal amount = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit(m.group(2))));
    if (amount.signum() == 0 || amount.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "quota \""
              + text
              + "\" must be more than 0 bytes and less than 8 EiB; to give a user no traffic, lock"
              + " the user instead");
    }
    return new Quota(
        amount.longValue(),
        Period.valueOf(m.group(3).toUpperCase(Locale.ROOT)),
        m.group(1) + m.group(2) + "/" + m.group(3));
  }

  private static long unit(String unit) {
    if (unit.equals("B")) {
      return 1;
    }
    int power = "KMGT".indexOf(unit.charAt(0)) + 1;
    long base = unit.contains("i") ? 1024 : 1000;
    long u = 1;
    for (int i = 0; i < power; i++) {
      u *= base;
    }
    return u;
  }
}
