package io.ocsctl.cli;

import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.OcctlProgram;
import io.ocsctl.providers.occtl.OcctlSocket;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the live-server views ({@code status}, {@code sessions}, {@code bans}, {@code events}) find
 * ocserv.
 */
final class ServerViewOptions {
  @Option(
      names = {"-root", "--root"},
      paramLabel = "DIR",
      defaultValue = "/",
      description = "Filesystem prefix of the server's files, as in rpm --root (default: /).")
  Path root;

  @Option(
      names = {"-config", "--config"},
      paramLabel = "PATH",
      defaultValue = LiveReader.DEFAULT_CONFIG,
      description =
          "Path of ocserv.conf inside the root (default: ${DEFAULT-VALUE}); its occtl-socket-file is used.")
  String config;

  @Mixin OcctlSocketOption occtlSocket;

  @Option(
      names = {"-json", "--json"},
      description = "Print JSON (snake_case fields, see docs/live-server.md).")
  boolean json;

  /** The running server's occtl, after recovering an interrupted apply of this root first. */
  OcctlProgram occtl(java.io.PrintWriter err) throws OcctlException, MalformedFileException {
    RecoverFirst.run(io.ocsctl.engine.Workflow.defaultStateDir(root), err);
    Path resolved =
        occtlSocket.socket != null
            ? occtlSocket.socket.toAbsolutePath().normalize()
            : OcctlSocket.read(root, config);
    return Occtl.at(resolved, Main.context().env());
  }
}
