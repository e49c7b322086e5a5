package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden plan tests, discovered from folders: each {@code scenarios/NAME/} holds a desired state
 * ({@code desired.hcl} or {@code desired.yaml}), an optional {@code live/} tree, and the approved
 * plan output {@code plan.approved.txt}. A new case is new files, not new Java. Every scenario is
 * then applied to a copy of its tree, and a second plan must say "No changes." (a scenario with an
 * {@code apply-fails} file must instead fail and leave the tree byte-identical).
 */
class ScenarioTest {
  static final Path SCENARIOS = Path.of("src/test/resources/scenarios");

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> scenarios() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(SCENARIOS)) {
      for (Path dir : dirs.sorted().toList()) {
        tests.add(DynamicTest.dynamicTest(dir.getFileName() + ": plan", () -> plan(dir)));
        for (String format : List.of("json", "markdown", "summary")) {
          tests.add(DynamicTest.dynamicTest(dir.getFileName() + ": plan -" + format, () -> planFormat(dir, format)));
        }
        tests.add(DynamicTest.dynamicTest(dir.getFileName() + ": apply then no changes", () -> applyThenNoChanges(dir)));
      }
    }
    return tests.stream();
  }

  static Path desired(Path dir) {
    Path hcl = dir.resolve("desired.hcl");
    return Files.exists(hcl) ? hcl : dir.resolve("desired.yaml");
  }

  private void plan(Path dir) throws IOException {
    Cli.Run run = Cli.run("plan", "-f", desired(dir).toString(), "--root", rootOf(dir).toString());
    Secrets.assertNoneIn(dir, run.out() + run.err());
    Approvals.verify("exit code: " + run.exitCode() + "\n" + run.out() + run.err(),
        new Options().withReporter(new QuietReporter()).forFile().withNamer(new ScenarioNamer(dir, "plan")));
  }

  private Path rootOf(Path dir) throws IOException {
    Path live = dir.resolve("live");
    Path root = Files.isDirectory(live) ? live : tmp.resolve("empty-root");
    Files.createDirectories(root);
    return root;
  }

  /** Every output format is approved too, JSON is checked against its published schema, and none shows a hash. */
  private void planFormat(Path dir, String format) throws IOException {
    Cli.Run run = Cli.run("plan", "-f", desired(dir).toString(), "--root", rootOf(dir).toString(), "-" + format);
    assertEquals(0, run.exitCode(), run.err());
    if (format.equals("json")) {
      PlanSchema.assertValid(run.out());
    }
    Secrets.assertNoneIn(dir, run.out() + run.err());
    String extension = format.equals("json") ? ".json" : format.equals("markdown") ? ".md" : ".txt";
    Approvals.verify(run.out(), new Options().withReporter(new QuietReporter()).forFile()
        .withNamer(new ScenarioNamer(dir, "plan-" + format)).forFile().withExtension(extension));
  }

  private void applyThenNoChanges(Path dir) throws IOException {
    Path root = tmp.resolve(dir.getFileName().toString());
    Trees.copy(dir.resolve("live"), root);
    String stateDir = tmp.resolve(dir.getFileName() + "-state").toString();
    Cli.Run apply = Cli.run("apply", "-f", desired(dir).toString(), "--root", root.toString(), "-auto-approve",
        "--state-dir", stateDir);
    if (Files.exists(dir.resolve("apply-fails"))) {
      // a scenario marked to fail must fail, touching nothing
      assertEquals(1, apply.exitCode(), apply.out() + apply.err());
      assertEquals(Trees.snapshot(dir.resolve("live")), Trees.snapshot(root), "apply that failed changed files");
      return;
    }
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    Cli.Run again = Cli.run("plan", "-f", desired(dir).toString(), "--root", root.toString(), "-detailed-exitcode");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().startsWith("No changes."), again.out());
  }
}
