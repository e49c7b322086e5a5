package io.ocsctl.state;

import java.nio.file.Path;

/** Thrown when the apply lock stays taken until the timeout; its message says what to do next. */
public final class LockHeldException extends Exception {

  private static final long serialVersionUID = 1L;
  private static final String FORCE_UNLOCK =
      "run 'ocsctl force-unlock' after checking no apply is running";

  private final transient LockInfo holder;
  private final boolean holderGone;

  private LockHeldException(String message, LockInfo holder, boolean holderGone) {
    super(message);
    this.holder = holder;
    this.holderGone = holderGone;
  }

  static LockHeldException heldBy(LockInfo holder) {
    String message =
        String.format(
            "the state is locked by pid %d on host %s (user %s, %s since %s)",
            holder.pid(), holder.host(), holder.user(), holder.operation(), holder.started());
    boolean gone = holder.isDeadOnThisHost();
    if (gone) {
      message += "; that process is gone: " + FORCE_UNLOCK;
    }
    return new LockHeldException(message, holder, gone);
  }

  /** The lock file could not be read: being written right now, or left half-written by a crash. */
  static LockHeldException unreadable(Path lockFile, boolean holderRunning) {
    String message =
        holderRunning
            ? "the state is locked by another ocsctl process that is taking or releasing the lock"
                + " ("
                + lockFile
                + " is missing or incomplete); try again"
            : "the state is locked by "
                + lockFile
                + ", which is empty or unreadable: the process"
                + " that wrote it crashed; "
                + FORCE_UNLOCK;
    return new LockHeldException(message, null, !holderRunning);
  }

  /**
   * The process holding the lock, as its lock file names it; null only when that file could not be
   * read (see the message).
   */
  public LockInfo holder() {
    return holder;
  }

  /**
   * True when the holder is known to be gone, so only {@code ocsctl force-unlock} frees the lock.
   */
  public boolean holderGone() {
    return holderGone;
  }
}
