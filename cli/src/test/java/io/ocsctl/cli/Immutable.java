package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The immutable attribute ({@code chattr +i}): even root cannot create, rename or delete in such a
 * directory, so it stands for a read-only or failing directory in fault tests. Skipped with the
 * reason when chattr or the file system cannot do it, except with CI=true, where that fails.
 */
final class Immutable {
  private Immutable() {}

  static void set(Path dir) throws IOException, InterruptedException {
    int code = chattr("+i", dir);
    if (code != 0) {
      String reason = "chattr +i " + dir + " failed (exit " + code + "): needs root and ext4/xfs";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + ", and CI=true, so the fault test may not be skipped");
      }
      assumeTrue(false, reason);
    }
  }

  static void clear(Path dir) throws IOException, InterruptedException {
    chattr("-i", dir);
  }

  private static int chattr(String flag, Path dir) throws IOException, InterruptedException {
    try {
      Process p =
          new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor();
    } catch (IOException missing) {
      return 127;
    }
  }
}
