package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs an outside program (certtool, patch, git, dpkg…) for a test, which fails unless it exits 0.
 */
final class Commands {
  private Commands() {}

  /**
   * The program's output (stdout and stderr together); the output goes to a file, so no pipe fills.
   */
  static String run(Path dir, int seconds, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("ocsctl-command-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      assertTrue(
          p.waitFor(seconds, TimeUnit.SECONDS),
          String.join(" ", command) + " took over " + seconds + " s");
      String text = Files.readString(out, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + text);
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
