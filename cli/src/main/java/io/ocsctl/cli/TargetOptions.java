package io.ocsctl.cli;

import io.ocsctl.engine.Workflow;
import io.ocsctl.providers.live.LiveReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads the desired state and the live tree shares. */
final class TargetOptions {
  @Option(
      names = {"-f", "-file", "--file"},
      paramLabel = "FILE",
      description =
          "Desired-state file (*.hcl, *.yaml) or a directory of them; with -host, the fleet file"
              + " or its directory (default: .).")
  Path file;

  @Option(
      names = {"-host", "--host"},
      paramLabel = "NAME",
      description = "A host of the fleet -f names: its shared files and overlay (docs/fleet.md).")
  String host;

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
      description = "Path of ocserv.conf inside the root (default: ${DEFAULT-VALUE}).")
  String config;

  @Option(
      names = {"-state-dir", "--state-dir"},
      paramLabel = "DIR",
      description = "Lock, journal, history and caches (default: ROOT/var/lib/ocsctl).")
  Path stateDir;

  Workflow.Target target() {
    if (file == null && host != null) {
      file = Path.of("."); // the fleet file of the current directory
    }
    if (file == null) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(new Main()),
          "Missing required option: '-f FILE' (the desired-state file or directory)");
    }
    if (stateDir != null) {
      // an explicit state directory is used for caches from the first plan on
      try {
        io.ocsctl.state.StateDir.at(stateDir);
      } catch (java.io.IOException e) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(new Main()),
            "cannot create the state directory " + stateDir + ": " + e.getMessage());
      }
    }
    return new Workflow.Target(file, root, config, Main.context().env(), stateDir).forHost(host);
  }

  Path stateDir() {
    return stateDir != null ? stateDir : Workflow.defaultStateDir(root);
  }
}
