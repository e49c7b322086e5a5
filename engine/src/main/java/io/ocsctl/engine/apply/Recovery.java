package io.ocsctl.engine.apply;

import io.ocsctl.state.ApplyLock;
import io.ocsctl.state.Journal;
import io.ocsctl.state.LockHeldException;
import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Finishes or rolls back an interrupted apply before any command reads the live tree, so every
 * command sees either the entire old or the entire new state. It takes the lock to do so: a
 * journal under a live lock belongs to an apply that is still running.
 */
public final class Recovery {
  private Recovery() {}

  /**
   * What was recovered, if anything. Throws when a live apply holds the lock right now. A lock
   * whose holder died (killed mid-apply: its pid is gone on this host) is broken here, because
   * its journal must be completed before anything else reads the tree.
   */
  public static Optional<Journal.Recovery> run(Path stateDir) throws IOException, LockHeldException {
    StateDir dir = new StateDir(stateDir);
    if (!Files.exists(dir.journalFile())) {
      return Optional.empty();
    }
    try (ApplyLock lock = ApplyLock.acquire(StateDir.at(stateDir), Duration.ZERO, "recover")) {
      return Journal.recover(dir);
    } catch (LockHeldException e) {
      if (!e.holderGone()) {
        throw e;
      }
      ApplyLock.forceUnlock(dir);
      try (ApplyLock lock = ApplyLock.acquire(dir, Duration.ZERO, "recover")) {
        return Journal.recover(dir).map(r -> new Journal.Recovery(
            r.action() + " (the apply of pid " + e.holder().pid() + " died; its lock was released)", r.files()));
      }
    }
  }

  /** Like {@link #run} for a caller that already holds the lock. */
  public static Optional<Journal.Recovery> runLocked(StateDir dir) throws IOException {
    return Journal.recover(dir);
  }
}
