package io.ocsctl.engine.apply;

import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.live.ManagedFiles;
import io.ocsctl.providers.live.ManagedPaths;
import io.ocsctl.providers.live.RootedPaths;
import io.ocsctl.state.History;
import io.ocsctl.state.PendingCommit;
import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.util.List;

/**
 * The history commit an apply owes, made from what is on disk: by the apply itself, by recovery
 * that completed it after a crash, or by the next command when the commit failed after the swap.
 * The caller holds the apply lock.
 */
final class HistoryRecord {
  private HistoryRecord() {}

  static PendingCommit owed(LiveState live, String message, History.Author author) {
    var paths = live.paths();
    return new PendingCommit(
        live.root().root(),
        paths.config(),
        paths.passwd(),
        paths.perUserDir(),
        paths.perGroupDir(),
        List.copyOf(paths.vhostPasswd().values()),
        message,
        author);
  }

  /**
   * Commits the managed files as they are now with {@code owed}'s message; returns the revision.
   */
  static String commit(StateDir dir, PendingCommit owed) throws IOException {
    History.clearStaleLocks(dir);
    try (History history = History.open(dir)) {
      // the crashed run may have made this commit and died before forgetting it: never twice
      if (history.headRecords(snapshot(owed), owed.message())) {
        PendingCommit.clear(dir);
        return history.head().orElseThrow();
      }
      return commit(history, dir, owed);
    }
  }

  private static java.util.Map<String, byte[]> snapshot(PendingCommit owed) throws IOException {
    return ManagedFiles.snapshot(
        new RootedPaths(owed.root()),
        new ManagedPaths(
            owed.config(),
            owed.passwd(),
            owed.perUserDir(),
            owed.perGroupDir(),
            vhostPasswd(owed)));
  }

  /** The vhosts' own passwd files, keyed by path: a snapshot needs only where they are. */
  private static java.util.Map<String, java.nio.file.Path> vhostPasswd(PendingCommit owed) {
    java.util.Map<String, java.nio.file.Path> out = new java.util.LinkedHashMap<>();
    owed.vhostPasswd().forEach(p -> out.put(p.toString(), p));
    return out;
  }

  /** Like {@link #commit(StateDir, PendingCommit)} with the history already open. */
  static String commit(History history, StateDir dir, PendingCommit owed) throws IOException {
    String revision = history.commit(snapshot(owed), owed.message(), owed.author());
    PendingCommit.clear(dir);
    return revision;
  }
}
