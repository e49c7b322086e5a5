package io.ocsctl.cli;

import io.ocsctl.engine.apply.Recovery;
import io.ocsctl.schema.Printable;
import io.ocsctl.state.LockHeldException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Finishes or rolls back an interrupted apply before a command that only reads the server (status,
 * sessions, bans, events, doctor): ocserv reads the managed files at every login, so a mixed tree
 * must last no longer than the swap itself (docs/recovery.md). A read-only view never fails on it.
 */
final class RecoverFirst {
  private RecoverFirst() {}

  static void run(Path stateDir, PrintWriter err) {
    try {
      Recovery.run(stateDir)
          .ifPresent(
              r -> err.println("Recovered an interrupted apply: " + Printable.line(r.action())));
    } catch (LockHeldException running) {
      // an apply runs right now: it completes or rolls back its own journal
    } catch (IOException | RuntimeException e) {
      err.println(
          "warning: could not check for an interrupted apply: "
              + Printable.line(String.valueOf(e.getMessage())));
    }
  }
}
