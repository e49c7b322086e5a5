package io.ocsctl.providers.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The bytes of every file ocsctl manages for a server, keyed by their path below the root ({@code
 * etc/ocserv/ocserv.conf}): what the history repository records.
 */
public final class ManagedFiles {
  private ManagedFiles() {}

  public static Map<String, byte[]> snapshot(RootedPaths root, ManagedPaths paths)
      throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    for (Path file : paths.files()) {
      add(out, root, file);
    }
    addDir(out, root, paths.perUserDir());
    addDir(out, root, paths.perGroupDir());
    return out;
  }

  private static void addDir(Map<String, byte[]> out, RootedPaths root, Optional<Path> dir)
      throws IOException {
    if (dir.isEmpty() || !Files.isDirectory(dir.get(), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> list = Files.list(dir.get())) {
      for (Path file : list.sorted().toList()) {
        if (!file.getFileName().toString().startsWith(".")) {
          add(out, root, file);
        }
      }
    }
  }

  private static void add(Map<String, byte[]> out, RootedPaths root, Path file) throws IOException {
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      out.put(root.display(file).substring(1), Files.readAllBytes(file));
    }
  }
}
