package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.occtl.Occtl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * {@code apply-fails} file must instead fail and leave the tree byte-identical). A scenario with an
 * {@code occtl/} folder runs against a running server: a stand-in occtl answers {@code show ip
 * bans} from {@code occtl/show-ip-bans.json} (one record per line) and forgets a record when
 * unbanned. A {@code plan-args} file (one argument a line, e.g. {@code -verify}) adds arguments to
 * every plan of the scenario.
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
          tests.add(
              DynamicTest.dynamicTest(
                  dir.getFileName() + ": plan -" + format, () -> planFormat(dir, format)));
        }
        tests.add(
            DynamicTest.dynamicTest(
                dir.getFileName() + ": apply then no changes", () -> applyThenNoChanges(dir)));
      }
    }
    return tests.stream();
  }

  static Path desired(Path dir) {
    Path hcl = dir.resolve("desired.hcl");
    return Files.exists(hcl) ? hcl : dir.resolve("desired.yaml");
  }

  private void plan(Path dir) throws IOException {
    Cli.Run run =
        ocsctl(
            dir,
            "plan",
            planArgs(dir, "plan", "-f", desired(dir).toString(), "--root", rootOf(dir).toString()));
    Secrets.assertNoneIn(dir, run.out() + run.err());
    Approvals.verify(
        "exit code: " + run.exitCode() + "\n" + run.out() + run.err(),
        new Options()
            .withReporter(new QuietReporter())
            .forFile()
            .withNamer(new ScenarioNamer(dir, "plan")));
  }

  /** {@code args} and the scenario's {@code plan-args}. */
  private static String[] planArgs(Path dir, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    Path extra = dir.resolve("plan-args");
    if (Files.exists(extra)) {
      Files.readAllLines(extra).stream().filter(l -> !l.isBlank()).forEach(all::add);
    }
    return all.toArray(String[]::new);
  }

  private Path rootOf(Path dir) throws IOException {
    Path live = dir.resolve("live");
    Path root = Files.isDirectory(live) ? live : tmp.resolve("empty-root");
    Files.createDirectories(root);
    return root;
  }

  /**
   * Every output format is approved too, JSON is checked against its published schema, and none
   * shows a hash.
   */
  private void planFormat(Path dir, String format) throws IOException {
    Cli.Run run =
        ocsctl(
            dir,
            format,
            planArgs(
                dir,
                "plan",
                "-f",
                desired(dir).toString(),
                "--root",
                rootOf(dir).toString(),
                "-" + format));
    assertEquals(0, run.exitCode(), run.err());
    if (format.equals("json")) {
      PlanSchema.assertValid(run.out());
    }
    Secrets.assertNoneIn(dir, run.out() + run.err());
    String extension = format.equals("json") ? ".json" : format.equals("markdown") ? ".md" : ".txt";
    Approvals.verify(
        run.out(),
        new Options()
            .withReporter(new QuietReporter())
            .forFile()
            .withNamer(new ScenarioNamer(dir, "plan-" + format))
            .forFile()
            .withExtension(extension));
  }

  private void applyThenNoChanges(Path dir) throws IOException {
    Path root = tmp.resolve(dir.getFileName().toString());
    Trees.copy(dir.resolve("live"), root);
    String stateDir = tmp.resolve(dir.getFileName() + "-state").toString();
    Cli.Run apply =
        ocsctl(
            dir,
            "apply",
            "apply",
            "-f",
            desired(dir).toString(),
            "--root",
            root.toString(),
            "-auto-approve",
            "--state-dir",
            stateDir);
    if (Files.exists(dir.resolve("apply-fails"))) {
      // a scenario marked to fail must fail, touching nothing
      assertEquals(1, apply.exitCode(), apply.out() + apply.err());
      assertEquals(
          Trees.snapshot(dir.resolve("live")),
          Trees.snapshot(root),
          "apply that failed changed files");
      return;
    }
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    Cli.Run again =
        ocsctl(
            dir,
            "apply",
            "plan",
            "-f",
            desired(dir).toString(),
            "--root",
            root.toString(),
            "-detailed-exitcode");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().startsWith("No changes."), again.out());
  }

  /**
   * Runs ocsctl; for a scenario with an {@code occtl/} folder, against a stand-in occtl whose state
   * lives in {@code tmp/NAME-SERVER} (runs with the same {@code server} share it).
   */
  private Cli.Run ocsctl(Path dir, String server, String... args) throws IOException {
    Path answers = dir.resolve("occtl");
    if (!Files.isDirectory(answers)) {
      return Cli.run(args);
    }
    Path fake = tmp.resolve(dir.getFileName() + "-" + server);
    if (!Files.exists(fake)) {
      Trees.copy(answers, fake);
      String d = fake.toString();
      Files.writeString(
          fake.resolve("occtl"),
          String.join(
              "\n",
              "#!/bin/sh",
              "shift 2; if [ \"$1\" = -j ]; then shift; fi",
              "case \"$*\" in",
              "  'show status') printf '{\"Status\": \"online\", \"Server PID\": 4121}\\n' ;;",
              "  'show users') printf '[\\n]\\n' ;;",
              "  'show ip bans') cat " + d + "/show-ip-bans.json ;;",
              "  reload) echo 'Server scheduled to reload' ;;",
              "  'unban ip '*) if ! grep -q \"\\\"$3\\\"\" "
                  + d
                  + "/show-ip-bans.json; then echo \"could not unban IP '$3'\"; exit 1; fi",
              "    grep -v \"\\\"$3\\\"\" "
                  + d
                  + "/show-ip-bans.json > "
                  + d
                  + "/bans.tmp; mv "
                  + d
                  + "/bans.tmp "
                  + d
                  + "/show-ip-bans.json; echo \"IP '$3' was unbanned\" ;;",
              "  *) echo \"unknown command: $*\" >&2; exit 1 ;;",
              "esac",
              ""));
      Files.setPosixFilePermissions(
          fake.resolve("occtl"), PosixFilePermissions.fromString("rwx------"));
      Files.createFile(fake.resolve("occtl.socket"));
    }
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-occtl-socket", fake.resolve("occtl.socket").toString()));
    return Cli.runWith(
        Map.of(Occtl.PROGRAM_ENV, fake.resolve("occtl").toString()),
        "",
        all.toArray(String[]::new));
  }
}
