package io.ocsctl.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Private scratch directories (a drift baseline, an import's proof, the CDS training) and their
 * removal.
 */
public final class TempTrees {
  private TempTrees() {}

  /**
   * A new directory under the system's temporary directory, mode 0700: it may hold password hashes.
   */
  public static Path create(String prefix) throws IOException {
    return Files.createTempDirectory(
        prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /** Removes {@code dir} and everything below it (links are removed, never followed). */
  public static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
