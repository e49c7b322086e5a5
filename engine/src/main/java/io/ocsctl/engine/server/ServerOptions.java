package io.ocsctl.engine.server;

import io.ocsctl.providers.occtl.SystemdUnit;
import io.ocsctl.schema.model.RemovalPolicy;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How ocsctl may touch the running server: where occtl's socket is when not the one ocserv.conf
 * names, the {@code on_user_removal} policy when the command line overrides the desired state's,
 * whether a change that needs a full restart may restart ocserv, the systemd unit to restart,
 * whether sessions that keep firewall rules the plan changes are disconnected ({@code
 * -reconnect-affected}), where systemd is looked for (this host's, unless a test says), and whether
 * the change is proven by the canary login after it ({@code -verify}, docs/canary.md).
 */
public record ServerOptions(
    Optional<Path> occtlSocket,
    Optional<RemovalPolicy> onUserRemoval,
    boolean allowRestart,
    String systemdUnit,
    boolean reconnectAffected,
    SystemdUnit.Host systemd,
    boolean verify) {
  public static final String DEFAULT_UNIT = "ocserv";
  public static final ServerOptions DEFAULT =
      new ServerOptions(Optional.empty(), Optional.empty(), false, DEFAULT_UNIT);

  public ServerOptions {
    systemdUnit = systemdUnit == null || systemdUnit.isBlank() ? DEFAULT_UNIT : systemdUnit;
    systemd = systemd == null ? SystemdUnit.Host.SYSTEM : systemd;
  }

  /** Options without the canary login. */
  public ServerOptions(
      Optional<Path> occtlSocket,
      Optional<RemovalPolicy> onUserRemoval,
      boolean allowRestart,
      String systemdUnit,
      boolean reconnectAffected,
      SystemdUnit.Host systemd) {
    this(occtlSocket, onUserRemoval, allowRestart, systemdUnit, reconnectAffected, systemd, false);
  }

  /** These options with the canary login of {@code -verify} on or off. */
  public ServerOptions withVerify(boolean on) {
    return new ServerOptions(
        occtlSocket, onUserRemoval, allowRestart, systemdUnit, reconnectAffected, systemd, on);
  }

  /** Options for this host's systemd. */
  public ServerOptions(
      Optional<Path> occtlSocket,
      Optional<RemovalPolicy> onUserRemoval,
      boolean allowRestart,
      String systemdUnit,
      boolean reconnectAffected) {
    this(
        occtlSocket,
        onUserRemoval,
        allowRestart,
        systemdUnit,
        reconnectAffected,
        SystemdUnit.Host.SYSTEM);
  }

  /** Options that leave sessions with changed firewall rules connected (the default). */
  public ServerOptions(
      Optional<Path> occtlSocket,
      Optional<RemovalPolicy> onUserRemoval,
      boolean allowRestart,
      String systemdUnit) {
    this(occtlSocket, onUserRemoval, allowRestart, systemdUnit, false);
  }
}
