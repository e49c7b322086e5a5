package io.ocsctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's live tree copied under a test's temporary directory, with a state directory beside
 * it, and ocsctl run against the two. ocpasswd starts 0600, as ocsctl always writes it
 * (FileModesTest), so that trees compare byte and mode.
 */
final class ScenarioTree {
  final Path root;
  final String state;

  private ScenarioTree(Path root, String state) {
    this.root = root;
    this.state = state;
  }

  static ScenarioTree copy(Path scenario, Path tmp) throws IOException {
    Path root = tmp.resolve("root");
    Trees.copy(scenario.resolve("live"), root);
    Files.setPosixFilePermissions(
        root.resolve("etc/ocserv/ocpasswd"), PosixFilePermissions.fromString("rw-------"));
    return new ScenarioTree(root, tmp.resolve("state").toString());
  }

  /** ocsctl {@code args} with {@code --root} and {@code --state-dir} of this tree. */
  Cli.Run ocsctl(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--root", root.toString(), "--state-dir", state));
    return Cli.run(all.toArray(String[]::new));
  }
}
