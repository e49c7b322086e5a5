package io.ocsctl.engine.server;

import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.OcctlSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the running server: occtl's socket is {@code -occtl-socket} when given, else the {@code
 * occtl-socket-file} of the live ocserv.conf (the one the running ocserv read), resolved under the
 * root. The occtl program is {@code $OCSCTL_OCCTL} or the one on the PATH.
 */
public final class ServerConnection {
  private ServerConnection() {}

  public static Path socket(LiveState live, ServerOptions options) throws MalformedFileException {
    if (options.occtlSocket().isPresent()) {
      return options.occtlSocket().get().toAbsolutePath().normalize();
    }
    return OcctlSocket.of(live.root(), live.root().display(live.paths().config()), live.config());
  }

  public static Occtl occtl(LiveState live, ServerOptions options, Map<String, String> env)
      throws MalformedFileException, OcctlException {
    return Occtl.at(socket(live, options), env);
  }
}
