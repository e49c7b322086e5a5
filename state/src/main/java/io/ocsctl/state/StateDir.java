package io.ocsctl.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The ocsctl state directory (lock, apply journal, history repo), kept apart from every managed
 * file so that no apply can ever overwrite its own bookkeeping.
 *
 * @param path the directory, absolute and normalized
 */
public record StateDir(Path path) {

  public StateDir {
    Objects.requireNonNull(path, "path");
    path = path.toAbsolutePath().normalize();
  }

  /**
   * Returns the state directory at {@code dir}, creating it with mode 0700 if it is missing (its
   * parents are created with default permissions). Refuses, with the command that fixes it, a
   * directory reached through a symbolic link (it would put the history's hashes and the journal
   * outside the root), owned by another user, or open to group or others.
   */
  public static StateDir at(Path dir) throws IOException {
    StateDir state = new StateDir(dir);
    Path existing = state.path();
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing != null && !existing.toRealPath().equals(existing)) {
      throw new IOException(
          "the state directory "
              + state.path()
              + " would be reached through a"
              + " symbolic link ("
              + existing
              + " is "
              + existing.toRealPath()
              + "): ocsctl never keeps"
              + " its state behind a link; fix: replace the link with a directory, or pass --state-dir"
              + " with a real path");
    }
    DurableFiles.createPrivateDirectory(state.path());
    StateFiles.checkDirectory(state.path());
    return state;
  }

  /** The lock file naming the process that holds the apply lock. */
  public Path lockFile() {
    return path.resolve("lock");
  }

  /** The apply journal; present only while an apply swaps files or after it crashed doing so. */
  public Path journalFile() {
    return path.resolve("journal.json");
  }

  /** The git history repository (work tree) of every applied state. */
  public Path historyDir() {
    return path.resolve("history");
  }
}
