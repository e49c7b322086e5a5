package io.ocsctl.engine.apply;

import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.ocserv.OcservCheck;
import java.io.IOException;
import java.util.List;

/** The check before any live file is touched: the rendered ocserv.conf must pass {@code ocserv -t}. */
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

  public static OcservCheck.Outcome check(Plan plan, LiveState live) throws IOException, RejectedException {
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
