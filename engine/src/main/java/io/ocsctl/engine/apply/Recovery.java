package io.ocsctl.engine.apply;

import io.ocsctl.state.ApplyLock;
import io.ocsctl.state.Journal;
import io.ocsctl.state.LockHeldException;
import io.ocsctl.state.PendingCommit;
import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finishes or rolls back an interrupted apply before any command reads the live tree, so every
 * command sees either the entire old or the entire new state. It takes the lock to do so: a journal
 * under a live lock belongs to an apply that is still running.
 */
public final class Recovery {
  private Recovery() {}

  /**
   * What was recovered, if anything. Throws when a live apply holds the lock and left a journal
   * right now. A lock whose holder died on this host (killed mid-apply) is taken over here and the
   * report says so, because its journal must be completed before anything else reads the tree, and
   * an apply must never wait for a person to run {@code force-unlock}.
   */
  public static Optional<Journal.Recovery> run(Path stateDir)
      throws IOException, LockHeldException {
    StateDir dir = new StateDir(stateDir);
    boolean journal = Files.exists(dir.journalFile(), LinkOption.NOFOLLOW_LINKS);
    boolean lockFile = Files.exists(dir.lockFile(), LinkOption.NOFOLLOW_LINKS);
    if (!journal && !lockFile && !PendingCommit.exists(dir)) {
      return Optional.empty();
    }
    ApplyLock lock;
    try {
      lock = ApplyLock.acquire(StateDir.at(stateDir), Duration.ZERO, "recover");
    } catch (LockHeldException busy) {
      if (journal) {
        throw busy;
      }
      return Optional.empty(); // a running apply with nothing to recover yet: plan reads as before
    }
    try (lock) {
      Optional<Journal.Recovery> done = runLocked(dir);
      if (lock.takenOver().isEmpty()) {
        return done;
      }
      String took = "took over " + lock.takenOver().get();
      return Optional.of(
          done.map(r -> new Journal.Recovery(r.action() + " (" + took + ")", r.files()))
              .orElse(new Journal.Recovery(took + "; no file had been changed", List.of())));
    }
  }

  /**
   * Like {@link #run} for a caller that already holds the lock. An apply that recovery completed,
   * or whose history commit failed after its swap, is recorded in the history here; if that fails
   * again the report says so and the next command retries.
   */
  public static Optional<Journal.Recovery> runLocked(StateDir dir) throws IOException {
    Optional<Journal.Recovery> recovered = Journal.recover(dir);
    Optional<PendingCommit> earlier = PendingCommit.read(dir);
    Optional<PendingCommit> owed = recovered.flatMap(Journal.Recovery::commit);
    if (owed.isPresent() && earlier.isPresent() && !earlier.get().equals(owed.get())) {
      owed = Optional.of(owed.get().after(earlier.get()));
    } else if (owed.isEmpty()) {
      owed = earlier;
    }
    if (owed.isEmpty()) {
      return recovered;
    }
    String note;
    try {
      note =
          "recorded "
              + (recovered.isPresent() ? "it" : "the last apply")
              + " in the history as revision "
              + HistoryRecord.commit(dir, owed.get()).substring(0, 12);
    } catch (IOException | RuntimeException e) {
      owed.get().save(dir);
      note =
          "the history could not record the last apply ("
              + e.getMessage()
              + "); the next command retries";
    }
    String said = note;
    return Optional.of(
        recovered
            .map(r -> new Journal.Recovery(r.action() + "; " + said, r.files()))
            .orElse(new Journal.Recovery(said, List.of())));
  }
}
