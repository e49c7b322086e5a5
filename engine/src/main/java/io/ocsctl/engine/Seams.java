package io.ocsctl.engine;

import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.openconnect.VpnLogin;
import java.time.Clock;
import java.util.Map;

/**
 * What the engine talks to outside itself, passed in: the running server's occtl, the live tree,
 * the clock that decides expiries and quota periods (docs/lifecycle.md), and the VPN client the
 * canary logs in with (docs/canary.md).
 */
public record Seams(Occtl.Factory occtl, LiveSource live, Clock clock, VpnLogin.Factory vpn) {
  public Seams(Occtl.Factory occtl, LiveSource live) {
    this(occtl, live, Clock.systemDefaultZone());
  }

  /** Seams without a VPN client (a canary login is refused as with openconnect missing). */
  public Seams(Occtl.Factory occtl, LiveSource live, Clock clock) {
    this(occtl, live, clock, VpnLogin.Factory.NONE);
  }

  /**
   * The real ones: the occtl program ({@code $OCSCTL_OCCTL} or the PATH), the files on disk, this
   * host's clock, and openconnect ({@code $OCSCTL_OPENCONNECT} or the PATH).
   */
  public static Seams real(Map<String, String> env) {
    return new Seams(
        Occtl.Factory.program(env),
        LiveSource.DISK,
        Clock.systemDefaultZone(),
        VpnLogin.Factory.program(env));
  }

  /** These seams, with {@code clock}. */
  public Seams at(Clock clock) {
    return new Seams(occtl, live, clock, vpn);
  }
}
