package io.ocsctl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -f FLEET} of the fleet commands: the fleet file or the directory holding it. */
final class FleetFileOption {
  @Option(
      names = {"-f", "-file", "--file"},
      paramLabel = "FLEET",
      defaultValue = ".",
      description = "The fleet file (fleet.hcl, fleet.yaml) or its directory (default: .).")
  Path fleet;
}
