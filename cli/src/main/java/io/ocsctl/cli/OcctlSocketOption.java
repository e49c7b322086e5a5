package io.ocsctl.cli;

import io.ocsctl.engine.server.ServerOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code -occtl-socket}: where the running server answers occtl, when not where ocserv.conf says.
 */
final class OcctlSocketOption {
  @Option(
      names = {"-occtl-socket", "--occtl-socket"},
      paramLabel = "PATH",
      description =
          "occtl socket of the running ocserv, a path on this machine (default: occtl-socket-file of"
              + " ocserv.conf under --root, else /var/run/occtl.socket).")
  Path socket;

  Optional<Path> socket() {
    return Optional.ofNullable(socket);
  }

  ServerOptions options() {
    return new ServerOptions(socket(), Optional.empty(), false, ServerOptions.DEFAULT_UNIT);
  }
}
