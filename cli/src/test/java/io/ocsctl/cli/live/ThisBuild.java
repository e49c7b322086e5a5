package io.ocsctl.cli.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An {@code ocsctl} launcher for the build under test, for a real ocserv to run (its disconnect
 * hook): a script in a temporary directory of its own that starts this JVM's java with this test's
 * class path, as the package's /usr/bin/ocsctl would start the installed one. {@link #close}
 * deletes the directory and whatever the test put in it.
 */
final class ThisBuild implements AutoCloseable {
  private final Path dir;

  private ThisBuild(Path dir) {
    this.dir = dir;
  }

  static ThisBuild launcher() throws IOException {
    Path dir = Files.createTempDirectory("ocsctl-build-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path launcher = dir.resolve("ocsctl");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec "
            + ProcessHandle.current().info().command().orElse("java")
            + " -cp '"
            + System.getProperty("java.class.path")
            + "' io.ocsctl.cli.Main \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    return new ThisBuild(dir);
  }

  /** The launcher script. */
  Path command() {
    return dir.resolve("ocsctl");
  }

  /** The temporary directory, for the test's own files. */
  Path dir() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
