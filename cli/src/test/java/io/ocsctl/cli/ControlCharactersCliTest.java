package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #19 item 6, as reported: a live ocpasswd name with terminal escapes, through the CLI. */
class ControlCharactersCliTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/no-changes");
  static final String EVIL = "evil\u001b]0;pwned\u0007\u001b[2J";

  @TempDir Path tmp;
  Path root;
  Path passwd;

  @BeforeEach
  void tree() throws Exception {
    root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    passwd = root.resolve("etc/ocserv/ocpasswd");
  }

  private static void assertNoControlCharacter(String output) {
    assertFalse(
        output.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7f), output);
  }

  @Test
  void everyPlanFormatShowsTheEscapes() throws Exception {
    Files.writeString(passwd, Files.readString(passwd) + EVIL + ":*:$6$salt$hash\n");
    for (List<String> format :
        List.of(
            List.<String>of(),
            List.of("-no-color"),
            List.of("-markdown"),
            List.of("-summary"),
            List.of("-json"))) {
      String[] args =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of(
                      "plan",
                      "-f",
                      SCENARIO.resolve("desired.hcl").toString(),
                      "--root",
                      root.toString()),
                  format.stream())
              .toArray(String[]::new);
      Cli.Run run = Cli.run(args);
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().contains("evil"), run.out());
      assertNoControlCharacter(run.out() + run.err());
    }
  }

  @Test
  void anErrorNamingTheUserShowsTheEscapes() throws Exception {
    // a user's line with a byte that is not UTF-8 is refused with the user's name
    // (docs/ocserv-files.md)
    byte[] line =
        (EVIL + ":*:$6$a$b\u00ff\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] before = Files.readAllBytes(passwd);
    byte[] all = java.util.Arrays.copyOf(before, before.length + line.length);
    System.arraycopy(line, 0, all, before.length, line.length);
    Files.write(passwd, all);
    Cli.Run run =
        Cli.run(
            "plan", "-f", SCENARIO.resolve("desired.hcl").toString(), "--root", root.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("holds bytes that are not UTF-8"), run.err());
    assertNoControlCharacter(run.err());
  }
}
