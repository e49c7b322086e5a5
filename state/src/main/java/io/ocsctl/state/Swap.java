package io.ocsctl.state;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The idempotent steps behind {@link Journal}: roll forward, undo, clean up. */
final class Swap {

  private Swap() {}

  /** Deletes the backups (and any staged leftover), then the journal: the new files are final. */
  static void forward(Path journal, List<Journal.Entry> entries, Journal.CrashPoint crash)
      throws IOException {
    for (int i = 0; i < entries.size(); i++) {
      Journal.Entry e = entries.get(i);
      crash.reached("before-drop-backup " + i);
      deleteIfPresent(e.backup());
      deleteIfPresent(e.staged());
    }
    DurableFiles.fsyncDirectories(targets(entries));
    crash.reached("before-drop-journal");
    JournalFile.delete(journal);
  }

  /**
   * Puts every old file back, in reverse order, deciding from what is on disk: a backup that still
   * exists is renamed over its target; a new target whose staged file is gone was installed by us
   * and is removed. Staged files are deleted only once the journal says {@code rolled-back}, so the
   * decisions come out the same when this runs again after a crash.
   */
  static void undo(Path journal, List<Journal.Entry> entries, Journal.CrashPoint crash)
      throws IOException {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Journal.Entry e = entries.get(i);
      if (e.backup() != null && Files.exists(e.backup(), LinkOption.NOFOLLOW_LINKS)) {
        crash.reached("before-restore " + i);
        Files.move(e.backup(), e.target(), StandardCopyOption.ATOMIC_MOVE);
        crash.reached("after-restore " + i);
      } else if (e.backup() == null
          && !e.delete()
          && !Files.exists(e.staged(), LinkOption.NOFOLLOW_LINKS)) {
        crash.reached("before-remove " + i);
        Files.deleteIfExists(e.target());
        crash.reached("after-remove " + i);
      }
    }
    DurableFiles.fsyncDirectories(targets(entries));
    crash.reached("before-mark-rolled-back");
    JournalFile.write(journal, Journal.ROLLED_BACK, entries, java.util.Optional.empty());
    crash.reached("after-mark-rolled-back");
    dropStaged(journal, entries, crash);
  }

  /** Deletes the staged files of a rolled-back journal, then the journal. */
  static void dropStaged(Path journal, List<Journal.Entry> entries, Journal.CrashPoint crash)
      throws IOException {
    for (int i = 0; i < entries.size(); i++) {
      Journal.Entry e = entries.get(i);
      crash.reached("before-drop-staged " + i);
      deleteIfPresent(e.staged());
    }
    DurableFiles.fsyncDirectories(targets(entries));
    crash.reached("before-drop-journal");
    JournalFile.delete(journal);
  }

  /** A target must still exist exactly when it has a backup name (it existed when staged). */
  static void checkUnchanged(Journal.Entry e) throws IOException {
    boolean exists = Files.exists(e.target(), LinkOption.NOFOLLOW_LINKS);
    if (exists && e.backup() == null && !e.delete()) {
      throw new FileAlreadyExistsException(
          e.target().toString(), null, "it appeared after the change was planned: plan again");
    }
    if (!exists && e.backup() != null) {
      throw new NoSuchFileException(
          e.target().toString(), null, "it disappeared after the change was planned: plan again");
    }
  }

  private static List<Path> targets(List<Journal.Entry> entries) {
    return entries.stream().map(Journal.Entry::target).toList();
  }

  private static void deleteIfPresent(Path file) throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }
}
