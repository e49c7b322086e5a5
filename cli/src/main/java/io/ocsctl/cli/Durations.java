package io.ocsctl.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as Terraform writes them: {@code 10s}, {@code 2m}, {@code 1h30m}, {@code 500ms}; a
 * plain number is seconds (what -lock-timeout took before). java.time parses the unit groups.
 */
final class Durations implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");
  private static final Pattern UNITS = Pattern.compile("(\\d{1,9}(\\.\\d{1,9})?(h|m|s|ms))+");

  @Override
  public Duration convert(String text) {
    String t = text.strip();
    if (SECONDS.matcher(t).matches()) {
      return Duration.ofSeconds(Long.parseLong(t));
    }
    if (UNITS.matcher(t).matches()) {
      Duration millis = Duration.ZERO;
      // java.time has no ms unit: take "NNNms" groups out first
      var ms = Pattern.compile("(\\d{1,9})ms").matcher(t);
      while (ms.find()) {
        millis = millis.plusMillis(Long.parseLong(ms.group(1)));
      }
      String rest = t.replaceAll("\\d{1,9}ms", "");
      try {
        return rest.isEmpty()
            ? millis
            : Duration.parse("PT" + rest.toUpperCase(java.util.Locale.ROOT)).plus(millis);
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new CommandLine.TypeConversionException(
        "'"
            + text
            + "' is not a duration: write 10s, 2m, 1h30m or 500ms (a plain number is seconds)");
  }
}
