package io.ocsctl.engine.canary;

import io.ocsctl.engine.doctor.Check;
import java.io.IOException;

/**
 * The canary login after a swap failed: thrown from the after-swap step so that the swap is rolled
 * back and the server reloaded onto the previous files. The message names the failed check.
 */
public final class CanaryFailedException extends IOException {
  private final transient CanaryReport report;

  public CanaryFailedException(CanaryReport report) {
    super(message(report));
    this.report = report;
  }

  public CanaryReport report() {
    return report;
  }

  private static String message(CanaryReport report) {
    Check failed = report.failed().orElseThrow();
    return "the canary check '" + failed.name() + "' failed: " + failed.message();
  }
}
