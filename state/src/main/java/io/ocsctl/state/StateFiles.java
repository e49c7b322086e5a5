package io.ocsctl.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Trust checks on the state directory and the files ocsctl reads back from it (journal, pending
 * commit): what another user could write must not steer what root deletes or renames next.
 */
final class StateFiles {

  private static final Set<PosixFilePermission> GROUP_OTHER =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
  private static final Set<PosixFilePermission> GROUP_OTHER_WRITE =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private StateFiles() {}

  /**
   * The state directory must be a real directory (no symbolic link anywhere on its path), owned by
   * the user running ocsctl, with no permission for group or others (it holds the history's
   * password hashes and the journal that decides what recovery renames).
   */
  static void checkDirectory(Path dir) throws IOException {
    Path real = dir.toRealPath();
    if (!real.equals(dir)) {
      throw new IOException(
          "the state directory "
              + dir
              + " is reached through a symbolic link (it is "
              + real
              + "): ocsctl never keeps its state behind a link; fix: replace the link with a"
              + " directory, or pass --state-dir "
              + real);
    }
    PosixFileAttributes attrs = attributes(dir);
    checkOwner(dir, attrs);
    Set<PosixFilePermission> open = EnumSet.copyOf(attrs.permissions());
    open.retainAll(GROUP_OTHER);
    if (!open.isEmpty()) {
      throw new IOException(
          "the state directory "
              + dir
              + " has mode "
              + PosixFilePermissions.toString(attrs.permissions())
              + ", open to other users; fix: chmod 700 "
              + dir);
    }
  }

  /**
   * The text of a state file that only the user running ocsctl may have written ({@link
   * #checkPrivate}), or empty when there is none.
   */
  static Optional<String> readPrivate(Path file) throws IOException {
    try {
      checkPrivate(file);
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
  }

  /**
   * A file ocsctl reads back from the state directory: a regular file (never a link), owned by the
   * user running ocsctl, writable by nobody else. Throws {@link java.nio.file.NoSuchFileException}
   * when it is missing.
   */
  static void checkPrivate(Path file) throws IOException {
    PosixFileAttributes attrs = attributes(file);
    if (!attrs.isRegularFile()) {
      throw new IOException(
          file
              + " is "
              + (attrs.isSymbolicLink() ? "a symbolic link" : "not a regular file")
              + ": ocsctl never follows links in its state directory; fix: remove it (rm "
              + file
              + ")");
    }
    checkOwner(file, attrs);
    Set<PosixFilePermission> open = EnumSet.copyOf(attrs.permissions());
    open.retainAll(GROUP_OTHER_WRITE);
    if (!open.isEmpty()) {
      throw new IOException(
          file
              + " has mode "
              + PosixFilePermissions.toString(attrs.permissions())
              + ", writable by other users, so it may not be trusted; fix: check its content, then chmod 600 "
              + file);
    }
  }

  private static PosixFileAttributes attributes(Path path) throws IOException {
    return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static void checkOwner(Path path, PosixFileAttributes attrs) throws IOException {
    String me = System.getProperty("user.name", "");
    String owner = attrs.owner().getName();
    if (!owner.equals(me)) {
      throw new IOException(
          path
              + " is owned by "
              + owner
              + ", not by "
              + me
              + " who runs ocsctl, so it may not be trusted; fix: check it, then chown "
              + me
              + " "
              + path);
    }
  }
}
