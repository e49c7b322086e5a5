package io.ocsctl.engine.lifecycle;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 90s}, {@code 15m}, {@code 12h}, {@code 7d}, {@code 2w}.
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smhdw])");

  private Durations() {}

  /** Reads {@code text}; throws {@link IllegalArgumentException} saying how to write it. */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration; write e.g. 30s, 15m, 12h, 7d or 2w");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }
}
