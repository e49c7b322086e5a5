package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocsctl import} end to end: on the example tree and on every scenario's live tree, in both
 * formats, the imported file is then planned against the same tree and the plan says "No changes.",
 * and {@code fmt -check} accepts it as it is.
 */
class ImportCommandTest {
  @TempDir Path tmp;

  /** Every live tree the repository ships: examples/basic/live and scenarios/NAME/live. */
  static List<Path> liveTrees() throws IOException {
    List<Path> trees = new ArrayList<>(List.of(Path.of("../examples/basic/live")));
    try (Stream<Path> dirs = Files.list(ScenarioTest.SCENARIOS)) {
      dirs.sorted()
          .map(d -> d.resolve("live"))
          .filter(d -> Files.exists(d.resolve("etc/ocserv/ocserv.conf")))
          .forEach(trees::add);
    }
    return trees;
  }

  @TestFactory
  Stream<DynamicTest> importThenPlanSaysNoChanges() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path tree : liveTrees()) {
      for (String ext : List.of("hcl", "yaml")) {
        String name = tree.getParent().getFileName() + " (" + ext + ")";
        tests.add(DynamicTest.dynamicTest(name, () -> roundTrip(tree, ext)));
      }
    }
    assertTrue(tests.size() >= 10, "the scenarios moved? " + tests.size());
    return tests.stream();
  }

  private void roundTrip(Path tree, String ext) throws IOException {
    Path root = tmp.resolve(tree.getParent().getFileName() + "-" + ext);
    Trees.copy(tree, root);
    var before = Trees.snapshot(root);
    Path out = tmp.resolve(tree.getParent().getFileName() + "." + ext);
    Cli.Run imported = Cli.run("import", "--root", root.toString(), "-o", out.toString());
    assertEquals(0, imported.exitCode(), imported.out() + imported.err());
    assertTrue(imported.out().startsWith("Imported "), imported.out());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertEquals(before, Trees.snapshot(root), "import changed the live tree");

    Cli.Run plan =
        Cli.run("plan", "-f", out.toString(), "--root", root.toString(), "-detailed-exitcode");
    assertEquals(
        0, plan.exitCode(), plan.out() + plan.err() + "\n--- imported:\n" + Files.readString(out));
    assertTrue(plan.out().startsWith("No changes."), plan.out());
    Cli.Run fmt = Cli.run("fmt", "-check", out.toString());
    assertEquals(0, fmt.exitCode(), "an imported file is canonical: " + fmt.out() + fmt.err());
  }

  @Test
  void withoutOutputTheFileGoesToStdoutAndTheSummaryToStderr() throws IOException {
    Path root = tmp.resolve("root");
    Trees.copy(Path.of("../examples/basic/live"), root);
    Cli.Run run = Cli.run("import", "--root", root.toString(), "-format", "yaml");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("\nversion: 1\nserver:\n  settings:\n"), run.out());
    assertTrue(
        run.err().startsWith("Imported 26 settings, 1 vhosts, 2 groups and 3 users."), run.err());

    Path file = tmp.resolve("same.yaml");
    assertEquals(0, Cli.run("import", "--root", root.toString(), "-o", file.toString()).exitCode());
    assertEquals(Files.readString(file), run.out());
  }

  @Test
  void theFormatFollowsTheOutputNameAndMustAgreeWithIt() throws IOException {
    Path root = tmp.resolve("root");
    Trees.copy(Path.of("../examples/basic/live"), root);
    Path yml = tmp.resolve("state.yml");
    assertEquals(0, Cli.run("import", "--root", root.toString(), "-o", yml.toString()).exitCode());
    assertTrue(Files.readString(yml).contains("\nserver:\n"));

    Cli.Run mismatch =
        Cli.run(
            "import",
            "--root",
            root.toString(),
            "-format",
            "hcl",
            "-o",
            tmp.resolve("x.yaml").toString());
    assertEquals(1, mismatch.exitCode());
    assertTrue(mismatch.err().contains("does not match the file name"), mismatch.err());

    Cli.Run unknown = Cli.run("import", "--root", root.toString(), "-format", "json");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown format \"json\""), unknown.err());

    Cli.Run noExtension =
        Cli.run("import", "--root", root.toString(), "-o", tmp.resolve("desired").toString());
    assertEquals(1, noExtension.exitCode());
    assertTrue(noExtension.err().contains("neither *.hcl nor *.yaml"), noExtension.err());
    assertFalse(Files.exists(tmp.resolve("x.yaml")) || Files.exists(tmp.resolve("desired")));
  }

  @Test
  void anExistingFileIsNeverOverwritten() throws IOException {
    Path root = tmp.resolve("root");
    Trees.copy(Path.of("../examples/basic/live"), root);
    Path file = tmp.resolve("desired.hcl");
    Files.writeString(file, "hand-written\n");
    Cli.Run run = Cli.run("import", "--root", root.toString(), "-o", file.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("already exists"), run.err());
    assertEquals("hand-written\n", Files.readString(file));
  }

  @Test
  void aTreeWithoutConfigIsAnError() {
    Cli.Run run = Cli.run("import", "--root", tmp.toString());
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("there is no /etc/ocserv/ocserv.conf")
            && run.err().contains("Nothing was written."),
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void aValueHclCannotHoldPointsToYaml() throws IOException {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("etc/ocserv"));
    Files.writeString(
        root.resolve("etc/ocserv/ocserv.conf"), "auth = certificate\nbanner = Hi ${USER}\n");
    Cli.Run hcl = Cli.run("import", "--root", root.toString());
    assertEquals(1, hcl.exitCode());
    assertTrue(hcl.err().contains("-format yaml"), hcl.err());
    Path yaml = tmp.resolve("desired.yaml");
    assertEquals(0, Cli.run("import", "--root", root.toString(), "-o", yaml.toString()).exitCode());
    Cli.Run plan =
        Cli.run("plan", "-f", yaml.toString(), "--root", root.toString(), "-detailed-exitcode");
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
  }

  @Test
  void unacceptedSettingsAreWrittenAndReportedWithTheirLines() throws IOException {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("etc/ocserv"));
    Files.writeString(
        root.resolve("etc/ocserv/ocserv.conf"), "auth = certificate\nmax-clinets = 16\n");
    Path file = tmp.resolve("desired.hcl");
    Cli.Run run = Cli.run("import", "--root", root.toString(), "-o", file.toString());
    assertEquals(1, run.exitCode());
    assertTrue(Files.exists(file));
    int line = Files.readAllLines(file).indexOf("    \"max-clinets\" = 16") + 1;
    assertTrue(line > 0, Files.readString(file));
    assertTrue(
        run.err().contains(file + ":" + line + ":")
            && run.err().contains("max-clinets")
            && run.err().contains("1 problem:"),
        run.err());
  }
}
