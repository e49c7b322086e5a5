package io.ocsctl.state;

import java.io.IOException;
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
   * parents are created with default permissions). An existing directory keeps its mode.
   */
  public static StateDir at(Path dir) throws IOException {
    StateDir state = new StateDir(dir);
    DurableFiles.createPrivateDirectory(state.path());
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
