package io.ocsctl.engine.apply;

import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.live.ManagedFiles;
import io.ocsctl.providers.live.RawText;
import io.ocsctl.state.History;
import io.ocsctl.state.Journal;
import io.ocsctl.state.OsErrors;
import io.ocsctl.state.PendingCommit;
import io.ocsctl.state.Staging;
import io.ocsctl.state.StateDir;
import io.ocsctl.state.WriteScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a plan all-or-nothing: every new file is staged beside its target and the intended
 * renames are journaled before anything live changes; the swap is then committed, or rolled back on
 * any failure, and the result is recorded in the history repository. The caller holds the lock.
 */
public final class SafeApply {
  private SafeApply() {}

  /** How one apply is recorded. */
  public record Record(History.Author author, Optional<String> remote) {}

  /**
   * What happened, for the command to report; {@code revision} is empty when the history commit
   * failed after the files were applied (a warning says so, and the next command records it).
   */
  public record Outcome(String revision, boolean initialSnapshot, List<String> warnings) {}

  /** A step the running server must take after the swap; throwing rolls the swap back. */
  public interface AfterSwap {
    AfterSwap NONE = () -> List.of();

    /** Returns warnings to show; throws to roll back. */
    List<String> run() throws IOException;

    /**
     * Called once the files are restored after a failure (e.g. to reload the server onto them);
     * returns what it did, which becomes part of the error.
     */
    default List<String> afterRollback() {
      return List.of();
    }
  }

  public static Outcome apply(
      Plan plan,
      LiveState live,
      StateDir stateDir,
      Record record,
      AfterSwap afterSwap,
      Journal.CrashPoint crashPoint)
      throws IOException {
    List<String> warnings = new ArrayList<>();
    History.clearStaleLocks(stateDir); // the caller holds the apply lock: no other ocsctl is in git
    try (History history = History.open(stateDir)) {
      boolean initial = false;
      if (history.isEmpty()) {
        // the first revision is what was there before ocsctl: recoverable even after this apply
        history.commit(
            ManagedFiles.snapshot(live.root(), live.paths()),
            "Initial state before ocsctl",
            record.author());
        initial = true;
      }
      List<Journal.Entry> entries = new ArrayList<>();
      WriteScope scope = scope(live);
      for (FileChange change : plan.files()) {
        scope.check(
            change.target()); // whatever a plan names, only the managed paths under the root
        entries.add(Staging.entry(change.target(), change.isDelete()));
      }
      String message =
          plan.summary() + (plan.notes().isEmpty() ? "" : "\n\n" + String.join("\n", plan.notes()));
      PendingCommit owed = HistoryRecord.owed(live, message, record.author());
      Optional<PendingCommit> earlier = PendingCommit.read(stateDir);
      if (earlier.isPresent()) {
        owed = owed.after(earlier.get()); // an earlier apply whose commit failed: record both
      }
      // journalled before the first staged file exists: a crash while staging leaves nothing
      // behind;
      // the journal carries the commit, so recovery that completes the swap records it
      Journal journal = Journal.stage(stateDir, entries, Optional.of(owed));
      journal.setCrashPoint(crashPoint);
      try {
        for (int i = 0; i < entries.size(); i++) {
          FileChange change = plan.files().get(i);
          if (change.isDelete()) {
            continue;
          }
          // a replaced file keeps its mode and owner; a new one is 0644 unless the plan says
          // otherwise
          // bytes that are not UTF-8 stay as they were read (RawText)
          journal.writeStaged(
              i,
              RawText.encode(change.after()),
              change.mode() != null ? change.mode() : PosixFilePermissions.fromString("rw-r--r--"));
          if (change.mode() != null) {
            Files.setPosixFilePermissions(entries.get(i).staged(), change.mode());
          }
        }
        journal.markPrepared();
      } catch (IOException e) {
        journal.rollback();
        throw new IOException(
            "staging the new files failed, nothing was changed: " + OsErrors.describe(e), e);
      } catch (RuntimeException e) {
        journal.rollback();
        throw e;
      }
      try {
        journal.commitSwap();
        warnings.addAll(afterSwap.run());
      } catch (IOException | RuntimeException e) {
        journal.rollback();
        List<String> after = afterSwap.afterRollback();
        throw new IOException(
            "apply failed and was rolled back, the previous files are in place: "
                + (e instanceof IOException io ? OsErrors.describe(io) : e.getMessage())
                + (after.isEmpty() ? "" : "; " + String.join("; ", after)),
            e);
      }
      // from here on the server has the reviewed files: nothing below fails the apply
      try {
        owed.save(stateDir); // kept before the journal goes, so no crash between the two loses it
        journal.finish();
      } catch (IOException e) {
        warnings.add(
            "the files are applied, but cleaning up after the swap failed ("
                + OsErrors.describe(e)
                + "); the next ocsctl command finishes it");
        return new Outcome("", initial, warnings);
      }
      String revision = "";
      try {
        revision = HistoryRecord.commit(history, stateDir, owed);
      } catch (IOException | RuntimeException e) {
        // the server has the reviewed files: this is no failure of the apply
        warnings.add(
            "the files are applied, but the history could not record them ("
                + e.getMessage()
                + "); the next ocsctl command records them");
      }
      if (record.remote().isPresent()) {
        try {
          history.push(record.remote().get());
        } catch (IOException e) {
          warnings.add(
              "the history was not pushed to " + record.remote().get() + ": " + e.getMessage());
        }
      }
      return new Outcome(revision, initial, warnings);
    }
  }

  /**
   * The managed paths of the tree that was read: whatever a plan names, nothing else is written.
   */
  static WriteScope scope(LiveState live) {
    java.util.Set<java.nio.file.Path> files = new java.util.HashSet<>();
    files.addAll(live.paths().files()); // ocserv.conf, every passwd file, the quota hook
    java.util.Set<java.nio.file.Path> dirs = new java.util.HashSet<>();
    live.paths().perUserDir().ifPresent(dirs::add);
    live.paths().perGroupDir().ifPresent(dirs::add);
    return new WriteScope(live.root().root(), files, dirs);
  }
}
