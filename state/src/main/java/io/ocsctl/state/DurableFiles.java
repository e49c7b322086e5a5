package io.ocsctl.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** File-system primitives that survive a power cut: fsync of files and directories. */
final class DurableFiles {

  static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

  private DurableFiles() {}

  /** Creates {@code dir} with mode 0700 if missing; parents get default permissions. */
  static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(dir)) {
        throw raced;
      }
      return;
    }
    // the umask may have removed bits; 0700 is what we want, not less
    Files.setPosixFilePermissions(dir, OWNER_RWX);
  }

  /**
   * Creates {@code file} (it must not exist) with {@code mode}, writes and fsyncs it; if writing
   * fails, the half-written file is removed again.
   */
  static void createNew(Path file, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    FileAttribute<?> attr = PosixFilePermissions.asFileAttribute(mode);
    FileChannel ch =
        FileChannel.open(
            file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attr);
    try (ch) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Atomically replaces {@code file} with {@code content} (mode 0600) via a fsynced temp file. */
  static void replace(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    createNew(tmp, content, OWNER_RW);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(file.getParent());
  }

  /** Deletes {@code file} if present and makes the deletion durable. */
  static void deleteDurably(Path file) throws IOException {
    if (Files.deleteIfExists(file)) {
      fsyncDirectory(file.getParent());
    }
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
