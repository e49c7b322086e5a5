package io.ocsctl.state;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit as the history needs it: no child process, and owner-only files. JGit would otherwise run
 * {@code git --version}, {@code git config --system} and {@code sh -c umask}, each inheriting every
 * environment variable (the secrets a desired state names among them); and it writes objects
 * 0444/0644, while the history holds password hashes.
 */
final class QuietGit {
  private static final Set<PosixFilePermission> OPEN_BITS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  static {
    // the system git configuration never applies to the private history: not reading it means
    // JGit never runs git to find it
    SystemReader current = SystemReader.getInstance();
    SystemReader.setInstance(
        new SystemReader.Delegate(current) {
          @Override
          public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new FileBasedConfig(parent, null, fs) {
              @Override
              public void load() {}

              @Override
              public boolean isOutdated() {
                return false;
              }
            };
          }
        });
  }

  private QuietGit() {}

  /**
   * Installs the configuration reader (once, in the static initialiser): called before anything
   * asks JGit for a configuration, since the first reader caches the system configuration.
   */
  static void install() {}

  /** A file system view whose umask is known, so JGit never asks {@code sh} for it. */
  static FS fs() {
    install();
    FS fs = FS.DETECTED.newInstance();
    if (fs instanceof FS_POSIX posix) {
      posix.setUmask(0077);
    }
    return fs;
  }

  /** Takes group and other bits off everything under {@code dir}: files 0600, directories 0700. */
  static void ownerOnly(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
              throws IOException {
            restrict(d);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            if (attrs.isRegularFile()) {
              restrict(f);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void restrict(Path p) throws IOException {
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    if (mode.stream().anyMatch(OPEN_BITS::contains)) {
      mode.removeAll(OPEN_BITS);
      // a read-only object (0444) stays read-only for its owner: 0400
      Files.setPosixFilePermissions(p, mode);
    }
  }
}
