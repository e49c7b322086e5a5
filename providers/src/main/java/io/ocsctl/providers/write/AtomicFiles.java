package io.ocsctl.providers.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files the crash-safe way: a staged file beside the target (same directory, so the rename
 * is atomic), fsync of the file, rename, fsync of the directory. Staged files are created 0600 and
 * get their final mode and owner before the rename.
 */
public final class AtomicFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private AtomicFiles() {}

  /** The staged file's name beside {@code target}: hidden, and recognisable as ocsctl's. */
  private static Path stagedPath(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".ocsctl-new");
  }

  /**
   * Writes {@code content} to the staged path of {@code target}, with {@code mode} (or the target's
   * current mode and owner when it exists and {@code mode} is null), and fsyncs it.
   */
  private static Path stage(Path target, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    Path staged = stagedPath(target);
    Files.deleteIfExists(staged);
    try (FileChannel ch =
        FileChannel.open(
            staged,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Set<PosixFilePermission> finalMode = mode;
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      var old =
          Files.getFileAttributeView(
                  target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              .readAttributes();
      if (finalMode == null) {
        finalMode = old.permissions();
      }
      try {
        PosixFileAttributeView view =
            Files.getFileAttributeView(staged, PosixFileAttributeView.class);
        view.setOwner(old.owner());
        view.setGroup(old.group());
      } catch (IOException | UnsupportedOperationException e) {
        // not root: the file keeps our own owner, which is the only one we can give it
      }
    }
    Files.setPosixFilePermissions(
        staged, finalMode == null ? PosixFilePermissions.fromString("rw-r--r--") : finalMode);
    return staged;
  }

  /**
   * Writes {@code target} atomically. Its directory must exist: a mistyped output path fails here
   * instead of growing a directory tree (a bare file name is in the working directory).
   */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    target = target.toAbsolutePath().normalize();
    if (!Files.isDirectory(target.getParent())) {
      throw new IOException(
          "cannot write "
              + target
              + ": the directory "
              + target.getParent()
              + " does not exist; create it first or choose another path");
    }
    Path staged = stage(target, content, mode);
    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(target.getParent());
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
