package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs an outside program (certtool, patch, git, dpkg, the CI scripts…) for a test: {@link #run}
 * fails the test unless it exits 0; {@link #exit} returns how it ended.
 */
final class Commands {
  private Commands() {}

  /**
   * The program's output (stdout and stderr together); the output goes to a file, so no pipe fills.
   */
  static String run(Path dir, int seconds, String... command)
      throws IOException, InterruptedException {
    Exit exit = exit(dir, seconds, null, command);
    assertEquals(0, exit.code(), String.join(" ", command) + ":\n" + exit.output());
    return exit.output();
  }

  /** How a program ended: its exit code and its output (stdout and stderr together). */
  record Exit(int code, String output) {}

  /**
   * Runs a program that may fail (the test asserts on its exit code), with exactly {@code env} as
   * its environment when given (null: this JVM's).
   */
  static Exit exit(Path dir, int seconds, java.util.Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("ocsctl-command-", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      if (env != null) {
        builder.environment().clear();
        builder.environment().putAll(env);
      }
      Process p = builder.redirectErrorStream(true).redirectOutput(out.toFile()).start();
      assertTrue(
          p.waitFor(seconds, TimeUnit.SECONDS),
          String.join(" ", command) + " took over " + seconds + " s");
      return new Exit(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
