package io.ocsctl.state;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The apply lock: at most one ocsctl process changes a server at a time, and a waiting one can name
 * the holder.
 *
 * <p>Two files, two jobs. {@code lock} is created with {@code CREATE_NEW} and says who holds the
 * lock (pid, host, user, start, operation); it outlives a crashed holder. A holder always keeps the
 * OS lock while its {@code lock} file exists, so when the OS lock is free and the file names this
 * host (or cannot be read at all) its writer is dead: the lock is taken over and {@link
 * #takenOver()} says so. A holder on another host is never judged: the operator runs {@code ocsctl
 * force-unlock}. {@code lock.flock} is never deleted; the holder keeps an OS file lock ({@link
 * FileChannel#tryLock()}, POSIX {@code fcntl}) on it for the lock's life. The kernel drops that
 * lock when the process dies, and a second process cannot take it while the first lives, so two
 * JVMs cannot both win even if the {@code lock} file was force-removed under a live holder or is
 * seen stale by both. Within one JVM an in-process set stands in for the OS lock, because POSIX
 * locks are per process and closing any channel to the file would release them.
 */
public final class ApplyLock implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final StateDir dir;
  private final FileChannel channel;
  private final FileLock osLock;
  private final LockInfo info;
  private final Optional<String> takenOver;
  private boolean closed;

  private ApplyLock(
      StateDir dir,
      FileChannel channel,
      FileLock osLock,
      LockInfo info,
      Optional<String> takenOver) {
    this.dir = dir;
    this.channel = channel;
    this.osLock = osLock;
    this.info = info;
    this.takenOver = takenOver;
  }

  /**
   * Takes the lock for {@code operation}, polling every 100 ms until {@code timeout} has passed
   * ({@link Duration#ZERO} tries once).
   *
   * @throws LockHeldException if another process still holds it, or a dead one left it behind
   */
  public static ApplyLock acquire(StateDir dir, Duration timeout, String operation)
      throws LockHeldException, IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(operation, "operation");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Attempt attempt = tryOnce(dir, operation);
      if (attempt.lock() != null) {
        return attempt.lock();
      }
      if (System.nanoTime() - deadline >= 0) {
        Optional<LockInfo> holder = LockInfo.read(dir.lockFile());
        if (holder.isPresent()) {
          throw LockHeldException.heldBy(holder.get());
        }
        throw LockHeldException.unreadable(dir.lockFile(), attempt.osLockBusy());
      }
      try {
        long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        Thread.sleep(Math.min(POLL.toMillis(), leftMillis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the lock in " + dir.path());
      }
    }
  }

  /** Who holds the lock now, if anyone (empty also when the lock file is unreadable). */
  public static Optional<LockInfo> holder(StateDir dir) throws IOException {
    return LockInfo.read(dir.lockFile());
  }

  /**
   * Removes the lock file left by a dead holder; returns whether there was one. A holder that is
   * still alive keeps its OS lock, so this cannot let a second apply run beside it.
   */
  public static boolean forceUnlock(StateDir dir) throws IOException {
    boolean existed = Files.deleteIfExists(dir.lockFile());
    if (existed) {
      DurableFiles.fsyncDirectory(dir.path());
    }
    return existed;
  }

  /** What this lock wrote into the lock file. */
  public LockInfo info() {
    return info;
  }

  /**
   * Set when this lock replaced one left by a dead process on this host (or an empty or unreadable
   * lock file): whose it was, for the command to say so before it recovers.
   */
  public Optional<String> takenOver() {
    return takenOver;
  }

  /** Deletes the lock file, then releases the OS lock. Calling it twice is harmless. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Files.deleteIfExists(dir.lockFile());
      DurableFiles.fsyncDirectory(dir.path());
    } finally {
      releaseOsLock(flockKey(dir), channel, osLock);
    }
  }

  private record Attempt(ApplyLock lock, boolean osLockBusy) {}

  private static Attempt tryOnce(StateDir dir, String operation) throws IOException {
    Path key = flockKey(dir);
    if (!HELD_IN_THIS_JVM.add(key)) {
      return new Attempt(null, true);
    }
    FileChannel channel = null;
    FileLock osLock = null;
    try {
      channel =
          FileChannel.open(
              key,
              // never through a link: the state directory must not reach outside itself
              Set.of(
                  StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
              PosixFilePermissions.asFileAttribute(DurableFiles.OWNER_RW));
      try {
        osLock = channel.tryLock();
      } catch (OverlappingFileLockException sameJvm) {
        osLock = null;
      }
      if (osLock == null) {
        releaseOsLock(key, channel, null);
        return new Attempt(null, true);
      }
      LockInfo info = LockInfo.ofCurrentProcess(operation);
      Optional<String> takenOver = Optional.empty();
      try {
        DurableFiles.createNew(dir.lockFile(), info.toJson(), DurableFiles.OWNER_RW);
      } catch (FileAlreadyExistsException staleOrForeign) {
        // the OS lock is ours, so this file's writer is dead, or it ran on another host
        takenOver = staleOwner(dir);
        if (takenOver.isEmpty()) {
          releaseOsLock(key, channel, osLock);
          return new Attempt(null, false);
        }
        // no other ocsctl can come between: it would need the OS lock we hold
        Files.delete(dir.lockFile());
        DurableFiles.createNew(dir.lockFile(), info.toJson(), DurableFiles.OWNER_RW);
      }
      DurableFiles.fsyncDirectory(dir.path());
      return new Attempt(new ApplyLock(dir, channel, osLock, info, takenOver), false);
    } catch (IOException | RuntimeException e) {
      releaseOsLock(key, channel, osLock);
      throw e;
    }
  }

  /**
   * Whose lock file may be taken over, called with the OS lock held: one naming this host, or one
   * that cannot be read (its writer died before it finished, as it writes only under the OS lock).
   * Empty for a holder on another host.
   */
  private static Optional<String> staleOwner(StateDir dir) throws IOException {
    Optional<LockInfo> holder = LockInfo.read(dir.lockFile());
    if (holder.isEmpty()) {
      return Optional.of("an empty or unreadable lock file " + dir.lockFile() + " left by a crash");
    }
    LockInfo h = holder.get();
    if (!h.host().equals(Hostname.current())) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "the lock of pid %d on this host (user %s, %s since %s), which is gone",
            h.pid(), h.user(), h.operation(), h.started()));
  }

  private static void releaseOsLock(Path key, FileChannel channel, FileLock osLock)
      throws IOException {
    try {
      if (osLock != null && osLock.isValid()) {
        osLock.release();
      }
    } finally {
      try {
        if (channel != null) {
          channel.close();
        }
      } finally {
        HELD_IN_THIS_JVM.remove(key);
      }
    }
  }

  private static Path flockKey(StateDir dir) {
    return dir.path().resolve("lock.flock");
  }
}
