package io.ocsctl.providers;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a tool such as {@code ocpasswd} on the PATH (and in /usr/sbin, /sbin). A test that needs a
 * missing tool is skipped with the reason, except in CI ({@code CI=true}), where a missing tool is
 * a broken build machine and fails the test.
 */
public final class Binaries {
  private Binaries() {}

  public static Path require(String name) {
    Optional<Path> found = find(name);
    if (found.isEmpty()) {
      String reason =
          name + " is not installed (Debian: apt-get install ocserv); the test needs the real tool";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + " and CI=true, so it may not be skipped");
      }
      assumeTrue(false, reason);
    }
    return found.get();
  }

  public static Optional<Path> find(String name) {
    return io.ocsctl.providers.ocserv.Processes.find(name);
  }
}
