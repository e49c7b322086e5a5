package io.ocsctl.schema.load;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.InvalidInputException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19 item 7: inputs that made the parsers take minutes (a 16 MB YAML scalar: 282 s; HCL
 * nested 20,000 deep: 54 s; a 50 MB desired state) are refused in seconds with a clear error.
 */
class ParserLimitsTest {
  static final Duration QUICK = Duration.ofSeconds(10);

  @TempDir Path tmp;

  private String refused(Path input) {
    InvalidInputException e =
        assertTimeoutPreemptively(
            QUICK,
            () -> assertThrows(InvalidInputException.class, () -> DesiredStateLoader.load(input)));
    return e.diagnostics().get(0).render();
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }

  @Test
  void aSixteenMegabyteYamlScalar() throws Exception {
    String error =
        refused(
            file(
                "d.yaml",
                "version: 1\nserver:\n  settings:\n    banner: " + "a".repeat(16 << 20) + "\n"));
    assertTrue(
        error.contains(
            "d.yaml:4: error: line 4 is 16,777,228 characters long; ocsctl reads lines of at most 65,536"),
        error);
  }

  @Test
  void hclNestedTwentyThousandDeep() throws Exception {
    String error =
        refused(
            file(
                "d.hcl",
                "version = 1\nserver {\n  settings = "
                    + "{ \"a\" =\n".repeat(20_000)
                    + "1"
                    + " }\n".repeat(20_000)
                    + "}\n"));
    assertTrue(error.contains("d.hcl:34:1: error: '{' nests deeper than 32 levels"), error);
    String oneLine =
        refused(
            file(
                "e.hcl",
                "version = 1\nserver {\n  settings = "
                    + "{ \"a\" = ".repeat(20_000)
                    + "1"
                    + " }".repeat(20_000)
                    + "\n}\n"));
    assertTrue(oneLine.contains("e.hcl:3: error: line 3 is 200,014 characters long"), oneLine);
  }

  @Test
  void yamlNestedTwentyThousandDeep() throws Exception {
    String error =
        refused(
            file(
                "d.yaml",
                "version: 1\nserver:\n  settings:\n    banner: "
                    + "{a:\n".repeat(20_000)
                    + "1"
                    + "}\n".repeat(20_000)));
    assertTrue(error.contains("error: the YAML nests deeper than 32 levels"), error);
  }

  @Test
  void fourMegabyteMultiLineValues() throws Exception {
    String lines = ("      " + "b".repeat(74) + "\n").repeat((4 << 20) / 80);
    String yaml =
        refused(file("d.yaml", "version: 1\nserver:\n  settings:\n    banner: |\n" + lines));
    assertTrue(
        yaml.contains(
            "d.yaml:4:13: error: the value is 3,932,100 characters long; ocsctl reads values of at most 65,536"),
        yaml);
    String hcl =
        refused(
            file(
                "d.hcl",
                "version = 1\nserver {\n  settings = {\n    \"banner\" = <<EOT\n"
                    + lines
                    + "EOT\n  }\n}\n"));
    assertTrue(hcl.contains("d.hcl:4:1: error: the heredoc is longer than 65,536 characters"), hcl);
  }

  @Test
  void aFiftyMegabyteFileAndDirectory() throws Exception {
    Path big = tmp.resolve("big.hcl");
    writeUsers(big, 50 << 20);
    String error = refused(big);
    assertTrue(
        error.contains(
            "big.hcl: error: the file is 50 MiB; ocsctl reads a desired state of at most 32 MiB"),
        error);

    Path dir = Files.createDirectories(tmp.resolve("estate"));
    writeUsers(dir.resolve("a.hcl"), 25 << 20);
    writeUsers(dir.resolve("b.hcl"), 25 << 20);
    String total = refused(dir);
    assertTrue(
        total.contains("estate: error: the desired state is 50 MiB; ocsctl reads at most 32 MiB"),
        total);
  }

  private static void writeUsers(Path file, long bytes) throws IOException {
    String hash =
        "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/";
    try (Writer w = Files.newBufferedWriter(file)) {
      long written = 0;
      for (int i = 0; written < bytes; i++) {
        String user = "user \"u" + i + "\" {\n  password_hash = \"" + hash + "\"\n}\n";
        w.write(user);
        written += user.length();
      }
    }
  }
}
