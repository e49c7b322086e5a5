package io.ocsctl.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The only paths {@link Staging} writes or deletes, whatever a plan (or a history revision) says:
 * the named managed files and the direct entries of the managed directories (config-per-user/,
 * config-per-group/), all below {@code root} and reached through no symlink.
 */
public record WriteScope(Path root, Set<Path> files, Set<Path> directories) {
  public WriteScope {
    root = root.toAbsolutePath().normalize();
    files = normalized(root, files, "file");
    directories = normalized(root, directories, "directory");
  }

  /** Thrown for a target outside the scope; nothing has been written when it is. */
  public static final class OutsideException extends IOException {
    OutsideException(String message) {
      super(message);
    }
  }

  /**
   * Refuses {@code target} unless it is a managed path below the root with no symlink on the way.
   */
  public void check(Path target) throws OutsideException {
    Path abs = target.toAbsolutePath().normalize();
    if (!abs.startsWith(root) || !(files.contains(abs) || directories.contains(abs.getParent()))) {
      throw new OutsideException(
          "refusing to write "
              + abs
              + ": it is not one of the files ocsctl manages under --root "
              + root
              + " (ocserv.conf, the passwd files, config-per-user/ and config-per-group/ entries); nothing was"
              + " changed. A plan that names it was not made by ocsctl from this tree: make and review a new plan");
    }
    for (Path p = abs; !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new OutsideException(
            "refusing to write "
                + abs
                + ": "
                + p
                + " is a symlink (ocsctl never writes through"
                + " one); replace it with the real file or directory; nothing was changed");
      }
    }
  }

  private static Set<Path> normalized(Path root, Set<Path> paths, String what) {
    Set<Path> out =
        paths.stream()
            .map(p -> p.toAbsolutePath().normalize())
            .collect(Collectors.toUnmodifiableSet());
    for (Path p : out) {
      if (!p.startsWith(root) || p.equals(root)) {
        throw new IllegalArgumentException(
            "managed " + what + " " + p + " is not below the root " + root);
      }
    }
    return out;
  }
}
