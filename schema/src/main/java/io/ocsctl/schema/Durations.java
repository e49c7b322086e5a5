package io.ocsctl.schema;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go and Terraform write them, plus days and weeks: {@code 500ms}, {@code 10s}, {@code
 * 1.5s}, {@code 1h30m}, {@code 7d}, {@code 2w}. One reader for every place that takes one (the
 * canary's timeout, {@code -lock-timeout}, {@code -expiring-within}).
 */
public final class Durations {
  private static final Pattern PART =
      Pattern.compile("([0-9]{1,9})(?:\\.([0-9]{1,9}))?(ms|s|m|h|d|w)");

  private Durations() {}

  /** The duration {@code text} writes, zero included; empty when it is not one. */
  public static Optional<Duration> parse(String text) {
    String t = text.strip();
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      String fraction = m.group(2);
      String unit = m.group(3);
      if (fraction != null && !unit.equals("s")) {
        return Optional.empty(); // a fraction only of seconds, as java.time reads them
      }
      total =
          total.plus(
              switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" ->
                    Duration.ofSeconds(
                        n,
                        fraction == null
                            ? 0
                            : Long.parseLong((fraction + "00000000").substring(0, 9)));
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
              });
      at = m.end();
    }
    return at == t.length() && !t.isEmpty() ? Optional.of(total) : Optional.empty();
  }
}
