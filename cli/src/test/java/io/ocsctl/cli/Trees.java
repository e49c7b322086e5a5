package io.ocsctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Copies and snapshots directory trees, to prove what a command did or did not touch. */
final class Trees {
  private Trees() {}

  static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(
              p,
              target,
              java.nio.file.StandardCopyOption.COPY_ATTRIBUTES,
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Every file under {@code root} with its bytes and mode, for byte-identical comparisons. */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String key = root.relativize(p).toString();
        if (key.isEmpty()) {
          continue;
        }
        // files only: git keeps no empty directory, so a fresh clone and a work tree differ there
        if (Files.isRegularFile(p)) {
          out.put(key, Files.readString(p) + "\nmode=" + Files.getPosixFilePermissions(p));
        }
      }
    }
    return out;
  }
}
