package io.ocsctl.state;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * Writes new file contents beside their targets under names recovery recognises ({@code
 * .NAME.ocsctl-new}, backups {@code .NAME.ocsctl-old}), ready for {@link Journal}.
 *
 * <p>A staged file is created with mode 0600, so it is never readable by others while it is
 * written; once complete it takes the target's mode, owner and group (0600 or the given mode for a
 * new target), so it never becomes more open than the file it replaces. A backup is the old target
 * renamed, so it keeps the target's mode.
 *
 * <p>Every target is checked against a {@link WriteScope} first: this is the one place that creates
 * the files a journal renames, so no plan can make ocsctl write outside the managed paths.
 */
public final class Staging {

  private Staging() {}

  /** {@code .NAME.ocsctl-new} beside {@code target}. */
  public static Path stagedPath(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".ocsctl-new");
  }

  /** {@code .NAME.ocsctl-old} beside {@code target}. */
  public static Path backupPath(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".ocsctl-old");
  }

  /** Stages {@code content} for {@code target}; a new target will get mode 0600. */
  public static Journal.Entry write(WriteScope scope, Path target, byte[] content)
      throws IOException {
    return write(scope, target, content, DurableFiles.OWNER_RW);
  }

  /**
   * Stages {@code content} for {@code target} (fsynced), creating missing parent directories;
   * {@code modeIfNew} applies only when the target does not exist yet. Leftovers of an earlier run
   * under the staged or backup name are replaced.
   */
  public static Journal.Entry write(
      WriteScope scope, Path target, byte[] content, Set<PosixFilePermission> modeIfNew)
      throws IOException {
    scope.check(target);
    return write(target, content, modeIfNew, true);
  }

  private static Journal.Entry write(
      Path target, byte[] content, Set<PosixFilePermission> modeIfNew, boolean sync)
      throws IOException {
    Objects.requireNonNull(content, "content");
    Path abs = target.toAbsolutePath().normalize();
    if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(
          abs.toString(),
          null,
          "a directory is where this file must go: move it away, then apply again");
    }
    Files.createDirectories(abs.getParent());
    Path staged = stagedPath(abs);
    Path backup = backupPath(abs);
    Files.deleteIfExists(staged);
    Files.deleteIfExists(backup);
    DurableFiles.createNew(staged, content, DurableFiles.OWNER_RW, sync);
    boolean exists = Files.exists(abs, LinkOption.NOFOLLOW_LINKS);
    if (exists) {
      PosixFileAttributes old = Files.readAttributes(abs, PosixFileAttributes.class);
      PosixFileAttributeView view =
          Files.getFileAttributeView(staged, PosixFileAttributeView.class);
      PosixFileAttributes now = view.readAttributes();
      if (!now.group().equals(old.group())) {
        view.setGroup(old.group());
      }
      if (!now.owner().equals(old.owner())) {
        view.setOwner(old.owner());
      }
      view.setPermissions(old.permissions());
    } else {
      Files.setPosixFilePermissions(staged, modeIfNew);
    }
    return new Journal.Entry(abs, staged, exists ? backup : null, false);
  }

  /**
   * The journal entry for {@code target} before anything is written: its staged name (none for a
   * delete) and, when the target exists, its backup name.
   */
  public static Journal.Entry entry(Path target, boolean delete) {
    Path abs = target.toAbsolutePath().normalize();
    boolean exists = Files.exists(abs, LinkOption.NOFOLLOW_LINKS);
    return new Journal.Entry(
        abs, delete ? null : stagedPath(abs), exists ? backupPath(abs) : null, delete);
  }

  /**
   * Writes the staged file of {@code entry} (not yet fsynced: {@link Journal#markPrepared} syncs
   * all of them at once) with the target's mode, owner and group, or {@code modeIfNew} for a new
   * target; missing parent directories are created and leftovers under the staged or backup name
   * are replaced.
   */
  static void writeStaged(Journal.Entry entry, byte[] content, Set<PosixFilePermission> modeIfNew)
      throws IOException {
    Journal.Entry written =
        write(entry.target(), content, modeIfNew, false); // synced by the journal
    if (!written.equals(entry)) {
      throw new IOException(
          entry.target() + " appeared or disappeared while it was staged: plan again");
    }
  }

  /** Plans the deletion of {@code target} (a no-op entry if it does not exist). */
  public static Journal.Entry delete(WriteScope scope, Path target) throws IOException {
    scope.check(target);
    Path abs = target.toAbsolutePath().normalize();
    Path backup = backupPath(abs);
    Files.deleteIfExists(backup);
    boolean exists = Files.exists(abs, LinkOption.NOFOLLOW_LINKS);
    return new Journal.Entry(abs, null, exists ? backup : null, true);
  }
}
