package io.ocsctl.engine.apply;

import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.ocserv.OcservCheck;
import io.ocsctl.state.Staging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The check before any live file is touched: the rendered ocserv.conf must pass {@code ocserv -t}.
 */
public final class Preflight {
  private Preflight() {}

  /** Thrown when ocserv rejects the rendered configuration; nothing has been written yet. */
  public static final class RejectedException extends Exception {
    private final List<String> errors;

    RejectedException(List<String> errors) {
      super("ocserv -t rejected the rendered configuration:\n  " + String.join("\n  ", errors));
      this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
      return errors;
    }
  }

  /**
   * Refuses a plan whose files cannot be swapped: a directory (or other non-file) where a file is
   * written or deleted, or under one of the names the swap uses beside it. Found after the swap,
   * such a directory would be renamed to the backup name and left there, failing every later run.
   */
  public static void checkTargets(Plan plan) throws IOException {
    for (FileChange f : plan.files()) {
      for (Path p :
          List.of(f.target(), Staging.stagedPath(f.target()), Staging.backupPath(f.target()))) {
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)
            && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            && !Files.isSymbolicLink(p)) {
          throw new IOException(
              p
                  + " is "
                  + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                      ? "a directory"
                      : "not a regular file")
                  + " where ocsctl must "
                  + (p.equals(f.target()) && f.isDelete() ? "delete" : "write")
                  + " the file "
                  + f.path()
                  + "; fix: move it away (mv "
                  + p
                  + " /root/), then apply again; nothing was changed");
        }
      }
    }
  }

  public static OcservCheck.Outcome check(Plan plan, LiveState live)
      throws IOException, RejectedException {
    checkTargets(plan);
    String config = live.config().render();
    for (FileChange f : plan.files()) {
      if (f.target().equals(live.paths().config()) && !f.isDelete()) {
        config = f.after();
      }
    }
    OcservCheck.Outcome outcome = OcservCheck.check(config, live.root().root());
    if (!outcome.ok()) {
      throw new RejectedException(outcome.errors());
    }
    return outcome;
  }
}
