package io.ocsctl.cli;

import io.ocsctl.engine.Workflow;
import io.ocsctl.providers.live.LiveReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads the desired state and the live tree shares. */
final class TargetOptions {
  @Option(names = {"-f", "-file", "--file"}, required = true, paramLabel = "FILE",
      description = "Desired-state file (*.hcl, *.yaml) or a directory of them.")
  Path file;

  @Option(names = {"-root", "--root"}, paramLabel = "DIR", defaultValue = "/",
      description = "Filesystem prefix of the server's files, as in rpm --root (default: /).")
  Path root;

  @Option(names = {"-config", "--config"}, paramLabel = "PATH", defaultValue = LiveReader.DEFAULT_CONFIG,
      description = "Path of ocserv.conf inside the root (default: ${DEFAULT-VALUE}).")
  String config;

  Workflow.Target target() {
    return new Workflow.Target(file, root, config, Main.context().env());
  }
}
