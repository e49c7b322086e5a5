package io.ocsctl.cli;

import io.ocsctl.engine.apply.Preflight;
import io.ocsctl.engine.apply.Recovery;
import io.ocsctl.engine.apply.Rollback;
import io.ocsctl.engine.apply.SafeApply;
import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.render.TextRenderer;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.state.ApplyLock;
import io.ocsctl.state.Journal;
import io.ocsctl.state.StateDir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rollback", description = "Return the managed files to a revision of 'ocsctl history', through the same safe apply.")
final class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOptions where;
  @Mixin StateOptions state;

  @Parameters(paramLabel = "REV", description = "A revision id (or HEAD~1) from 'ocsctl history'.")
  String revision;




  @Option(names = {"-auto-approve", "--auto-approve"}, description = "Do not ask for confirmation.")
  boolean autoApprove;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      StateDir dir = StateDir.at(where.stateDir());
      try (ApplyLock lock = ApplyLock.acquire(dir, state.lockTimeout(), "rollback")) {
        lock.takenOver().ifPresent(t -> err.println("Took over " + t + "."));
        Recovery.runLocked(dir).ifPresent(r -> err.println("Recovered an interrupted apply: " + r.action()));
        LiveState live = LiveReader.read(where.root, where.config, Settings.EMPTY);
        Plan plan = Rollback.plan(live, dir, revision);
        out.print(new TextRenderer(false).render(plan));
        if (!plan.hasChanges()) {
          return 0;
        }
        if (!autoApprove) {
          err.println("error: rollback changes the live server; review the plan above and pass -auto-approve.");
          return 1;
        }
        Preflight.check(plan, live).warnings().forEach(w -> err.println("warning: " + w));
        SafeApply.Outcome outcome = SafeApply.apply(plan, live, dir,
            new SafeApply.Record(state.resolvedAuthor(), state.remote()), SafeApply.AfterSwap.NONE, Journal.CrashPoint.NONE);
        outcome.warnings().forEach(w -> err.println("warning: " + w));
        out.println("\nRollback complete" + (outcome.revision().isEmpty() ? "."
            : "; recorded as revision " + outcome.revision().substring(0, 12) + "."));
        return 0;
      }
    } catch (IllegalArgumentException e) {
      err.println("error: unknown revision " + revision + "; see 'ocsctl history'.");
      return 1;
    } catch (Exception e) {
      return Failures.report(e, err);
    }
  }
}
