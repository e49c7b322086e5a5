package io.ocsctl.cli;

import io.ocsctl.engine.Workflow;
import io.ocsctl.providers.live.LiveReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a server's files and ocsctl's state are, for commands that need no desired state. */
final class RootOptions {
  @Option(
      names = {"-root", "--root"},
      paramLabel = "DIR",
      defaultValue = "/",
      description = "The server's root (default: /).")
  Path root;

  @Option(
      names = {"-config", "--config"},
      paramLabel = "PATH",
      defaultValue = LiveReader.DEFAULT_CONFIG,
      description = "Path of ocserv.conf inside the root (default: ${DEFAULT-VALUE}).")
  String config;

  @Option(
      names = {"-state-dir", "--state-dir"},
      paramLabel = "DIR",
      description = "Default: ROOT/var/lib/ocsctl.")
  Path stateDir;

  Path stateDir() {
    return stateDir != null ? stateDir : Workflow.defaultStateDir(root);
  }
}
