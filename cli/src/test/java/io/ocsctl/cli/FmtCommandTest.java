package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.load.DesiredStateLoader;
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
 * {@code ocsctl fmt}: every desired-state file the project ships (examples and golden scenarios)
 * formats into a file that loads into the same model, formatting twice changes nothing, and the
 * examples are kept canonical.
 */
class FmtCommandTest {
  static final Path EXAMPLES = Path.of("../examples/basic");

  @TempDir Path tmp;

  static List<Path> shippedFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ScenarioTest.SCENARIOS)) {
      dirs.sorted().forEach(dir -> files.add(ScenarioTest.desired(dir)));
    }
    files.add(EXAMPLES.resolve("desired.hcl"));
    files.add(EXAMPLES.resolve("desired.yaml"));
    return files;
  }

  @TestFactory
  Stream<DynamicTest> formattingKeepsTheModelAndIsIdempotent() throws IOException {
    return shippedFiles().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.toString(),
                    () -> {
                      Path dir = Files.createTempDirectory(tmp, "fmt");
                      Path copy = dir.resolve(file.getFileName());
                      Files.copy(file, copy);
                      Cli.Run first = Cli.run("fmt", copy.toString());
                      assertEquals(0, first.exitCode(), first.err());
                      assertEquals(
                          DesiredStateLoader.load(file).state(),
                          DesiredStateLoader.load(copy).state());
                      String once = Files.readString(copy);
                      Cli.Run check = Cli.run("fmt", "-check", copy.toString());
                      assertEquals(
                          0, check.exitCode(), "formatting twice changes nothing: " + check.out());
                      assertEquals("", check.out());
                      assertEquals(once, Files.readString(copy));
                    }));
  }

  @Test
  void theExamplesAreCanonical() {
    Cli.Run run = Cli.run("fmt", "-check", EXAMPLES.toString());
    assertEquals(0, run.exitCode(), "run ./ocsctl fmt " + EXAMPLES + ": " + run.out() + run.err());
  }

  @Test
  void checkNamesTheFilesAndChangesNothing() throws IOException {
    Path hcl = tmp.resolve("a.hcl");
    Path yaml = tmp.resolve("b.yaml");
    String text = "server { settings = { \"auth\" = \"certificate\" } }\n";
    Files.writeString(hcl, text);
    Files.writeString(yaml, "server:\n  settings:\n    auth: certificate\n");
    Cli.Run run = Cli.run("fmt", "-check", tmp.toString());
    assertEquals(3, run.exitCode());
    assertEquals(hcl + "\n", run.out());
    assertEquals(text, Files.readString(hcl));
  }

  @Test
  void diffShowsTheChange() throws IOException {
    Path hcl = tmp.resolve("a.hcl");
    Files.writeString(hcl, "server {\nsettings = { \"auth\" = \"certificate\" }\n}\n");
    Cli.Run run = Cli.run("fmt", "-check", "-diff", hcl.toString());
    assertEquals(3, run.exitCode());
    assertEquals(
        String.join(
            "\n",
            hcl.toString(),
            "--- " + hcl,
            "+++ " + hcl,
            "@@ -1,3 +1,5 @@",
            " server {",
            "-settings = { \"auth\" = \"certificate\" }",
            "+  settings = {",
            "+    \"auth\" = \"certificate\"",
            "+  }",
            " }",
            ""),
        run.out());
  }

  @Test
  void rewritesInPlaceKeepingThePermissions() throws IOException {
    Path hcl = tmp.resolve("a.hcl");
    Files.writeString(hcl, "server {\nsettings = { \"auth\" = \"certificate\" }\n}\n");
    Files.setPosixFilePermissions(hcl, PosixFilePermissions.fromString("rw-r-----"));
    Cli.Run run = Cli.run("fmt", hcl.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(hcl + "\n", run.out());
    assertEquals(
        "server {\n  settings = {\n    \"auth\" = \"certificate\"\n  }\n}\n",
        Files.readString(hcl));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(hcl)));
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(hcl), left.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void aFileInErrorIsLeftAsItIsAndTheOthersAreFormatted() throws IOException {
    Path bad = tmp.resolve("a.hcl");
    Path good = tmp.resolve("b.hcl");
    Files.writeString(bad, "server {\n  # about nothing\n}\n");
    Files.writeString(good, "server {\nsettings = {}\n}\n");
    Cli.Run run = Cli.run("fmt", bad.toString(), good.toString());
    assertEquals(1, run.exitCode());
    assertEquals(good + "\n", run.out());
    assertEquals("server {\n  # about nothing\n}\n", Files.readString(bad));
    assertEquals("server {\n  settings = {}\n}\n", Files.readString(good));
    assertTrue(
        run.err()
            .startsWith(bad + ":2:3: error: fmt cannot keep a comment that is not directly above"),
        run.err());
    assertTrue(
        run.err().endsWith("1 error; the files in error were left as they are.\n"), run.err());
  }

  @Test
  void missingFile() {
    Cli.Run run = Cli.run("fmt", tmp.resolve("none.hcl").toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("none.hcl: error: no such file or directory"), run.err());
  }
}
