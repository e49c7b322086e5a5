package io.ocsctl.engine.canary;

import io.ocsctl.engine.doctor.Check;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a canary login went: one line per check ({@code login}, {@code routes}, {@code dns}), pass,
 * fail or skip, and the login's latency (empty when no tunnel came up).
 */
public record CanaryReport(List<Check> checks, Optional<Duration> latency) {
  public CanaryReport {
    checks = List.copyOf(checks);
  }

  public boolean ok() {
    return checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
  }

  /** The first check that failed. */
  public Optional<Check> failed() {
    return checks.stream().filter(c -> c.status() == Check.Status.FAIL).findFirst();
  }

  /** The latency in seconds with two decimals, as every output shows it. */
  public static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }
}
