package io.ocsctl.state;

import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** File-system primitives that survive a power cut: fsync of files and directories. */
final class DurableFiles {

  static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
  private static final int SYNC_THREADS = 16;
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
    createNew(file, content, mode, true);
  }

  /**
   * Like {@link #createNew(Path, byte[], Set)}; without {@code sync} the caller fsyncs later
   * ({@link #fsyncAll}), so that many files are synced in parallel rather than one after another.
   */
  static void createNew(Path file, byte[] content, Set<PosixFilePermission> mode, boolean sync)
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
      if (sync) {
        ch.force(true);
      }
    } catch (java.nio.file.FileSystemException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    } catch (IOException e) {
      Files.deleteIfExists(file);
      // a write or fsync error ("No space left on device") names no file: give it the file
      var named = new java.nio.file.FileSystemException(file.toString(), null, e.getMessage());
      named.initCause(e);
      throw named;
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

  /**
   * Creates {@code file} holding {@code size} bytes of real (not sparse) blocks, fsynced: room that
   * deleting it gives back when the disk is otherwise full.
   */
  static void reserve(Path file, int size) throws IOException {
    createNew(file, new byte[size], OWNER_RW, true);
  }

  /** Deletes {@code file} if present and makes the deletion durable. */
  static void deleteDurably(Path file) throws IOException {
    if (Files.deleteIfExists(file)) {
      fsyncDirectory(file.getParent());
    }
  }

  /**
   * Fsyncs {@code files} in parallel, then each of their directories once. On a loaded disk one
   * fsync after another costs a journal commit each; issued together the file system batches them
   * (an apply of 600 files: see docs/PERFORMANCE.md).
   */
  static void fsyncAll(Collection<Path> files) throws IOException {
    if (files.isEmpty()) {
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(SYNC_THREADS, files.size()),
            r -> {
              Thread t = new Thread(r, "ocsctl-fsync");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Path f : files) {
        done.add(
            pool.submit(
                () -> {
                  try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.force(true);
                  }
                  return null;
                }));
      }
      for (Future<?> d : done) {
        d.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while syncing staged files");
    } finally {
      pool.shutdownNow();
    }
    fsyncDirectories(files);
  }

  /** Fsyncs the parent directory of each of {@code paths} once. */
  static void fsyncDirectories(Collection<Path> paths) throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path p : paths) {
      dirs.add(p.getParent());
    }
    for (Path dir : dirs) {
      if (Files.isDirectory(dir)) {
        fsyncDirectory(dir);
      }
    }
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
