package io.ocsctl.cli;

import java.time.Duration;
import picocli.CommandLine;

/**
 * Durations of the command line as Terraform writes them: {@code 10s}, {@code 2m}, {@code 1h30m},
 * {@code 500ms}, and days and weeks ({@code 7d}); a plain number is seconds (what -lock-timeout
 * took before). {@link io.ocsctl.schema.Durations} reads them.
 */
final class Durations implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    String t = text.strip();
    if (t.matches("[0-9]{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(t));
    }
    return io.ocsctl.schema.Durations.parse(t)
        .orElseThrow(
            () ->
                new CommandLine.TypeConversionException(
                    "'"
                        + text
                        + "' is not a duration: write 10s, 2m, 1h30m, 500ms or 7d (a plain number"
                        + " is seconds)"));
  }
}
