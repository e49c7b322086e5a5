package io.ocsctl.engine;

import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.openconnect.VpnLogin;
import java.util.Map;

/**
 * What the engine talks to outside itself, passed in: the running server's occtl, the live tree,
 * and the VPN client the canary logs in with.
 */
public record Seams(Occtl.Factory occtl, LiveSource live, VpnLogin.Factory vpn) {
  /** Seams without a VPN client (a canary login is refused as with openconnect missing). */
  public Seams(Occtl.Factory occtl, LiveSource live) {
    this(occtl, live, VpnLogin.Factory.NONE);
  }

  /**
   * The real ones: the occtl program ({@code $OCSCTL_OCCTL} or the PATH), the files on disk, and
   * openconnect ({@code $OCSCTL_OPENCONNECT} or the PATH).
   */
  public static Seams real(Map<String, String> env) {
    return new Seams(Occtl.Factory.program(env), LiveSource.DISK, VpnLogin.Factory.program(env));
  }
}
