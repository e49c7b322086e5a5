package io.ocsctl.state;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Crash-safe swap of many files: the renames are journalled before any live file is touched, so a
 * crash at any point leaves a journal that {@link #recover} completes or rolls back.
 *
 * <p>States on disk: {@code staging} (the new files are being written beside their targets and
 * nothing live has changed: recovery deletes whichever staged files exist, so a crash while staging
 * leaves no {@code .NAME.ocsctl-new} behind), {@code prepared} (nothing or part swapped: recovery
 * restores the old files), {@code swapped} (all new files in place: recovery deletes the backups),
 * {@code rolling-back} (an explicit {@link #rollback} began: recovery finishes it), {@code
 * rolled-back} (old files all back: only staged files remain to delete). Undo decides per entry
 * from what is on disk (does the backup still exist, is the staged file gone) and deletes no staged
 * file before the journal says {@code rolled-back}, so running it again after a crash half-way
 * through it is harmless.
 */
public final class Journal {

  static final String STAGING = "staging";
  static final String PREPARED = "prepared";
  static final String SWAPPED = "swapped";
  static final String ROLLING_BACK = "rolling-back";
  static final String ROLLED_BACK = "rolled-back";

  /** Test hook: called before and after every rename and journal update; may throw to crash. */
  @FunctionalInterface
  public interface CrashPoint {
    CrashPoint NONE = step -> {};

    void reached(String step) throws IOException;
  }

  /**
   * One file to write or delete. For a write, {@code staged} is the complete new file beside the
   * target; {@code backup} is where the old target goes, null if the target does not exist. For a
   * delete, {@code staged} is null (and {@code backup} null when there is nothing to delete).
   */
  public record Entry(Path target, Path staged, Path backup, boolean delete) {
    public Entry {
      target = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
      if (delete != (staged == null)) {
        throw new IllegalArgumentException(
            "entry for " + target + ": staged must be null exactly when the entry is a delete");
      }
      staged = sibling(target, staged, "staged");
      backup = sibling(target, backup, "backup");
    }

    private static Path sibling(Path target, Path file, String what) {
      if (file == null) {
        return null;
      }
      Path abs = file.toAbsolutePath().normalize();
      if (abs.equals(target) || !Objects.equals(abs.getParent(), target.getParent())) {
        throw new IllegalArgumentException(
            what + " file " + abs + " must be another name in the directory of " + target);
      }
      return abs;
    }
  }

  /**
   * What {@link #recover} did, for the CLI to report: an action and the target files; {@code
   * commit} is the history commit the recovered apply owes when recovery completed it.
   */
  public record Recovery(String action, List<Path> files, Optional<PendingCommit> commit) {
    public Recovery {
      Objects.requireNonNull(action, "action");
      files = List.copyOf(files);
      Objects.requireNonNull(commit, "commit");
    }

    public Recovery(String action, List<Path> files) {
      this(action, files, Optional.empty());
    }
  }

  private final Path file;
  private final List<Entry> entries;
  private final Optional<PendingCommit> commit;
  private String state;
  private CrashPoint crash = CrashPoint.NONE;

  private Journal(Path file, List<Entry> entries, Optional<PendingCommit> commit, String state) {
    this.file = file;
    this.entries = entries;
    this.commit = commit;
    this.state = state;
  }

  /**
   * Journals {@code entries} durably (state {@code prepared}) before anything live is touched.
   * Fails if an earlier journal is still there ({@link #recover} first) or if a target changed
   * existence since it was staged.
   */
  public static Journal begin(StateDir dir, List<Entry> entries) throws IOException {
    Journal journal = stage(dir, entries);
    journal.markPrepared();
    return journal;
  }

  /**
   * Journals {@code entries} (state {@code staging}) before any of their staged files exists, so
   * that a crash while they are written leaves names recovery removes. Stage each file with {@link
   * #writeStaged}, then call {@link #markPrepared}.
   */
  public static Journal stage(StateDir dir, List<Entry> entries) throws IOException {
    return stage(dir, entries, Optional.empty());
  }

  /**
   * Like {@link #stage(StateDir, List)}, journalling also the history commit the apply owes, so
   * that recovery which completes it can record it.
   */
  public static Journal stage(StateDir dir, List<Entry> entries, Optional<PendingCommit> commit)
      throws IOException {
    List<Entry> list = List.copyOf(entries);
    if (Files.exists(dir.journalFile(), LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(
          dir.journalFile().toString(), null, "an interrupted apply left it: recover it first");
    }
    var targets = new HashSet<Path>();
    for (Entry e : list) {
      if (!targets.add(e.target())) {
        throw new IllegalArgumentException(e.target() + " appears twice in the journal");
      }
    }
    JournalFile.write(dir.journalFile(), STAGING, list, commit);
    return new Journal(dir.journalFile(), list, commit, STAGING);
  }

  /** Writes entry {@code i}'s new content beside its target (see {@link Staging#writeStaged}). */
  public void writeStaged(int i, byte[] content, Set<PosixFilePermission> modeIfNew)
      throws IOException {
    requireState(STAGING);
    crash.reached("before-stage " + i);
    Staging.writeStaged(entries.get(i), content, modeIfNew);
  }

  /**
   * Checks every file is staged and every target is as it was, then journals {@code prepared}: from
   * here on the swap may begin.
   */
  public void markPrepared() throws IOException {
    requireState(STAGING);
    List<Path> staged = new java.util.ArrayList<>();
    for (Entry e : entries) {
      if (e.staged() != null && Files.isRegularFile(e.staged(), LinkOption.NOFOLLOW_LINKS)) {
        staged.add(e.staged());
      }
    }
    DurableFiles.fsyncAll(staged); // in parallel, each directory once
    for (Entry e : entries) {
      if (e.staged() != null && !Files.isRegularFile(e.staged(), LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(e.staged().toString(), null, "stage the new file first");
      }
      if (e.backup() != null && Files.exists(e.backup(), LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(e.backup().toString(), null, "left by an earlier run");
      }
      Swap.checkUnchanged(e);
    }
    crash.reached("before-mark-prepared");
    JournalFile.write(file, PREPARED, entries, commit);
    state = PREPARED;
  }

  /** Installs a fault-injection hook (tests); the default does nothing. */
  public void setCrashPoint(CrashPoint crashPoint) {
    this.crash = Objects.requireNonNull(crashPoint, "crashPoint");
  }

  /** The journalled entries, in swap order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Moves every old target to its backup and every staged file into place, then marks swapped. */
  public void commitSwap() throws IOException {
    requireState(PREPARED);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      Swap.checkUnchanged(e);
      if (e.backup() != null) {
        crash.reached("before-backup " + i);
        Files.move(e.target(), e.backup(), StandardCopyOption.ATOMIC_MOVE);
        crash.reached("after-backup " + i);
      }
      if (!e.delete()) {
        crash.reached("before-install " + i);
        Files.move(e.staged(), e.target(), StandardCopyOption.ATOMIC_MOVE);
        crash.reached("after-install " + i);
      }
    }
    // each directory once, before the journal says swapped; recovery decides per entry from what
    // is on disk, so renames that a power cut loses before this point are undone or redone alike
    DurableFiles.fsyncDirectories(entries.stream().map(Entry::target).toList());
    crash.reached("before-mark-swapped");
    JournalFile.write(file, SWAPPED, entries, commit);
    state = SWAPPED;
    crash.reached("after-mark-swapped");
  }

  /**
   * Deletes the backups and the journal: the new files are final. If this fails half-way, only
   * {@link #recover} (which completes it) is left, not {@link #rollback}.
   */
  public void finish() throws IOException {
    requireState(SWAPPED);
    state = "finishing"; // from here on only going forward is consistent: no rollback()
    Swap.forward(file, entries, crash);
    state = "done";
  }

  /**
   * Puts every old file back and deletes the journal; works after {@link #commitSwap} succeeded,
   * failed half-way or was never called, and may be retried after it failed.
   */
  public void rollback() throws IOException {
    if (state.equals(STAGING)) {
      Swap.dropStaged(file, entries, crash); // nothing live changed: only the staged files go
      state = "done";
      return;
    }
    if (!state.equals(PREPARED) && !state.equals(SWAPPED) && !state.equals(ROLLING_BACK)) {
      throw new IllegalStateException("journal is " + state + ", cannot roll back");
    }
    if (!state.equals(ROLLING_BACK)) {
      crash.reached("before-mark-rolling-back");
      JournalFile.write(file, ROLLING_BACK, entries, commit);
      state = ROLLING_BACK;
      crash.reached("after-mark-rolling-back");
    }
    Swap.undo(file, entries, crash);
    state = "done";
  }

  /**
   * Completes or rolls back an apply interrupted by a crash; run at the start of every command.
   * Empty when there was no journal.
   */
  public static Optional<Recovery> recover(StateDir dir) throws IOException {
    return recover(dir, CrashPoint.NONE);
  }

  static Optional<Recovery> recover(StateDir dir, CrashPoint crash) throws IOException {
    Files.deleteIfExists(
        dir.journalFile().resolveSibling(dir.journalFile().getFileName() + ".tmp"));
    Optional<JournalFile.Content> found = JournalFile.read(dir.journalFile());
    if (found.isEmpty()) {
      Files.deleteIfExists(JournalFile.reserve(dir.journalFile())); // left by a crash at the end
      return Optional.empty();
    }
    List<Entry> list = found.get().entries();
    List<Path> targets = list.stream().map(Entry::target).toList();
    switch (found.get().state()) {
      case SWAPPED:
        Swap.forward(dir.journalFile(), list, crash);
        return Optional.of(
            new Recovery("completed an interrupted apply", targets, found.get().commit()));
      case PREPARED:
      case ROLLING_BACK:
        Swap.undo(dir.journalFile(), list, crash);
        return Optional.of(new Recovery("rolled back an interrupted apply", targets));
      case ROLLED_BACK:
        Swap.dropStaged(dir.journalFile(), list, crash);
        return Optional.of(new Recovery("rolled back an interrupted apply", targets));
      case STAGING:
        Swap.dropStaged(dir.journalFile(), list, crash);
        return Optional.of(
            new Recovery(
                "removed the staged files of an interrupted apply (no live file had changed)",
                targets));
      default:
        throw new IOException(
            dir.journalFile()
                + " has unknown state '"
                + found.get().state()
                + "': restore by hand");
    }
  }

  private void requireState(String expected) {
    if (!state.equals(expected)) {
      throw new IllegalStateException("journal is " + state + ", expected " + expected);
    }
  }
}
