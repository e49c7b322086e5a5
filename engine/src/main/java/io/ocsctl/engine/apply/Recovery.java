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

  /** What was recovered, if anything. Throws when an apply holds the lock right now. */
  public static Optional<Journal.Recovery> run(Path stateDir) throws IOException, LockHeldException {
    StateDir dir = new StateDir(stateDir);
    if (!Files.exists(dir.journalFile())) {
      return Optional.empty();
    }
    try (ApplyLock lock = ApplyLock.acquire(StateDir.at(stateDir), Duration.ZERO, "recover")) {
      return Journal.recover(dir);
    }
  }

  /** Like {@link #run} for a caller that already holds the lock. */
  public static Optional<Journal.Recovery> runLocked(StateDir dir) throws IOException {
    return Journal.recover(dir);
  }
}
