package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Bad desired states, each pinned to its exact error text. Every {@code invalid/NAME/} folder holds
 * the input in both formats ({@code desired.hcl} and {@code desired.yaml}, or directories {@code
 * hcl/} and {@code yaml/} loaded with -f DIR; a {@code targets} file lists other names, e.g. files
 * that must not exist) and the approved errors {@code hcl.approved.txt} / {@code
 * yaml.approved.txt}. Each input goes through {@code validate} and through {@code plan} against a
 * copy of a live tree: both must exit 1 with the same errors on stderr and nothing on stdout, and
 * the live tree must stay byte-identical. A new case is new files, not new Java.
 */
class InvalidInputTest {
  static final Path CASES = Path.of("src/test/resources/invalid");
  static final Path LIVE = Path.of("src/test/resources/scenarios/no-changes/live");

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> invalidInputs() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(CASES)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        for (String target : targets(dir)) {
          String format = target.endsWith("hcl") ? "hcl" : "yaml";
          tests.add(
              DynamicTest.dynamicTest(
                  dir.getFileName() + " (" + format + ")",
                  () -> rejected(dir, dir.resolve(target), format)));
        }
      }
    }
    return tests.stream();
  }

  /** The inputs of a case: listed in {@code targets}, or whichever of the usual names exist. */
  static List<String> targets(Path dir) throws IOException {
    Path listed = dir.resolve("targets");
    if (Files.exists(listed)) {
      return Files.readAllLines(listed).stream().filter(l -> !l.isBlank()).toList();
    }
    return Stream.of("desired.hcl", "hcl", "desired.yaml", "yaml")
        .filter(n -> Files.exists(dir.resolve(n)))
        .toList();
  }

  private void rejected(Path dir, Path input, String format) throws IOException {
    Path root = tmp.resolve("root");
    Trees.copy(LIVE, root);
    Map<String, String> before = Trees.snapshot(root);

    Cli.Run validate = Cli.run("validate", "-f", input.toString());
    assertEquals(1, validate.exitCode(), validate.out() + validate.err());
    assertEquals("", validate.out(), "validate printed to stdout");

    Cli.Run plan = Cli.run("plan", "-f", input.toString(), "--root", root.toString());
    assertEquals(1, plan.exitCode(), plan.out() + plan.err());
    assertEquals("", plan.out(), "plan printed to stdout");
    assertEquals(
        validate.err(), plan.err(), "plan must report exactly the errors validate reports");
    assertEquals(before, Trees.snapshot(root), "a rejected plan changed the live tree");

    Approvals.verify(
        validate.err(),
        new Options()
            .withReporter(new QuietReporter())
            .forFile()
            .withNamer(new ScenarioNamer(dir, format)));
  }
}
