package io.ocsctl.cli;

import io.ocsctl.engine.server.ServerOptions;
import io.ocsctl.schema.model.RemovalPolicy;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How apply may touch the running server: occtl socket, restart, systemd unit, removed users'
 * sessions, sessions whose firewall rules change.
 */
final class ApplyServerOptions {
  @Mixin OcctlSocketOption occtlSocket;

  @Option(
      names = {"-allow-restart", "--allow-restart"},
      description =
          "Restart ocserv (systemctl restart UNIT) when a change needs it; this ends every VPN session."
              + " Without it, such a change is refused while ocserv runs.")
  boolean allowRestart;

  @Option(
      names = {"-systemd-unit", "--systemd-unit"},
      paramLabel = "UNIT",
      defaultValue = ServerOptions.DEFAULT_UNIT,
      description = "The systemd unit that runs ocserv (default: ${DEFAULT-VALUE}).")
  String systemdUnit;

  @Option(
      names = {"-on-user-removal", "--on-user-removal"},
      paramLabel = "disconnect|keep",
      description =
          "What happens to the live sessions of a deleted or locked user (default: server.on_user_removal"
              + " of the desired state, else disconnect).")
  String onUserRemoval;

  @Option(
      names = {"-reconnect-affected", "--reconnect-affected"},
      description =
          "Disconnect the live sessions whose firewall rules the plan changes (ocserv-fw installs them at"
              + " connect), so that their next login gets the new rules. Without it they keep the old rules until they"
              + " reconnect.")
  boolean reconnectAffected;

  ServerOptions options() {
    Optional<RemovalPolicy> policy = Optional.empty();
    if (onUserRemoval != null) {
      policy = RemovalPolicy.parse(onUserRemoval);
      if (policy.isEmpty()) {
        throw new CommandLine.ParameterException(
            new CommandLine(new Main()),
            "-on-user-removal takes 'disconnect' or 'keep', not '" + onUserRemoval + "'");
      }
    }
    return new ServerOptions(
        occtlSocket.socket(), policy, allowRestart, systemdUnit, reconnectAffected);
  }
}
