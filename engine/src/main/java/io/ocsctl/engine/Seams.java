package io.ocsctl.engine;

import io.ocsctl.providers.occtl.Occtl;
import java.time.Clock;
import java.util.Map;

/**
 * What the engine talks to outside itself, passed in: the running server's occtl, the live tree,
 * and the clock that decides expiries and quota periods (docs/lifecycle.md).
 */
public record Seams(Occtl.Factory occtl, LiveSource live, Clock clock) {
  public Seams(Occtl.Factory occtl, LiveSource live) {
    this(occtl, live, Clock.systemDefaultZone());
  }

  /** The real ones: the occtl program ({@code $OCSCTL_OCCTL} or the PATH) and the files on disk. */
  public static Seams real(Map<String, String> env) {
    return new Seams(Occtl.Factory.program(env), LiveSource.DISK);
  }

  /** These seams, with {@code clock}. */
  public Seams at(Clock clock) {
    return new Seams(occtl, live, clock);
  }
}
