package io.ocsctl.cli;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.apply.Guards;
import io.ocsctl.engine.apply.Preflight;
import io.ocsctl.engine.apply.Recovery;
import io.ocsctl.engine.apply.SafeApply;
import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.SavedPlan;
import io.ocsctl.engine.render.TextRenderer;
import io.ocsctl.engine.server.LiveApply;
import io.ocsctl.engine.server.ServerOptions;
import io.ocsctl.engine.server.ServerRefusedException;
import io.ocsctl.state.ApplyLock;
import io.ocsctl.state.Journal;
import io.ocsctl.state.StateDir;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", description = {
    "Make the live server match the desired state, exactly as the plan shows: all files or none,",
    "backed up in the history repository, rolled back on failure.",
    "With PLANFILE (from plan -out), applies that plan and refuses it when the tree or the desired state changed since."})
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TargetOptions target;
  @Mixin StateOptions state;
  @Mixin ApplyServerOptions server;

  @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved with 'ocsctl plan -out'.")
  Path planFile;

  @Option(names = {"-auto-approve", "--auto-approve"}, description = "Apply without asking for confirmation.")
  boolean autoApprove;

  @Option(names = {"-allow-mass-destroy", "--allow-mass-destroy"},
      description = "Allow a plan that destroys every user, >10%% of them (at least 5), or a vhost.")
  boolean allowMassDestroy;

  @Option(names = {"-no-color", "--no-color"}, description = "No ANSI colours.")
  boolean noColor;

  /** Fault injection for tests: called at every journal step (in-process tests throw from it). */
  static Journal.CrashPoint crashPoint = pauseAt(System.getProperty("ocsctl.test.pause-at"));

  /**
   * Fault injection for the kill -9 test: with {@code -Docsctl.test.pause-at=STEP} the apply
   * prints {@code PAUSED AT STEP} and waits at that journal step until the test kills it.
   */
  private static Journal.CrashPoint pauseAt(String step) {
    if (step == null) {
      return Journal.CrashPoint.NONE;
    }
    return reached -> {
      if (reached.equals(step)) {
        System.err.println("PAUSED AT " + step);
        System.err.flush();
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      SavedPlan saved = planFile == null ? null : SavedPlan.read(planFile);
      Workflow.Target t = saved == null ? target.target()
          : new Workflow.Target(saved.desired(), saved.root(), saved.configPath(), Main.context().env(),
              target.stateDir == null ? null : target.stateDir);
      StateDir stateDir = StateDir.at(t.stateDir());
      Recovery.run(t.stateDir()).ifPresent(r -> err.println("Recovered an interrupted apply: " + r.action()));
      try (ApplyLock lock = ApplyLock.acquire(stateDir, state.lockTimeout(), "apply")) {
        Recovery.runLocked(stateDir).ifPresent(r -> err.println("Recovered an interrupted apply: " + r.action()));
        ServerOptions serverOptions = server.options();
        Workflow.Planned planned = Workflow.plan(t, serverOptions);
        Plan plan = planned.plan();
        if (saved != null) {
          Optional<String> stale = staleness(saved.plan(), plan);
          if (stale.isPresent()) {
            err.println("error: the saved plan " + planFile + " is stale: " + stale.get());
            err.println("  = fix: run 'ocsctl plan -out " + planFile + "' again and review the new plan; nothing was changed.");
            return 1;
          }
          plan = saved.plan().withLive(planned.plan().live());
        }
        out.print(new TextRenderer(Colors.enabled(noColor)).render(plan));
        if (!plan.hasChanges()) {
          return 0;
        }
        Optional<String> massDestroy = Guards.massDestroy(plan, planned.live().passwd().entries().size());
        if (massDestroy.isPresent() && !allowMassDestroy) {
          err.println("error: " + massDestroy.get() + ".");
          err.println("  = fix: if this is intended, run apply again with -allow-mass-destroy; nothing was changed.");
          return 1;
        }
        LiveApply running;
        try {
          running = LiveApply.prepare(plan, planned.live(), planned.loaded().state(), t.env(), serverOptions);
        } catch (ServerRefusedException refused) {
          err.println("error: " + refused.getMessage() + ".");
          err.println("  = nothing was changed.");
          return 1;
        }
        if (saved == null && !autoApprove && !confirmed(out)) {
          err.println("\nApply cancelled; nothing was changed.");
          return 1;
        }
        if (!plan.changesFiles()) {
          return liftBansOnly(running, out, err);
        }
        for (String warning : Preflight.check(plan, planned.live()).warnings()) {
          err.println("warning: " + warning);
        }
        SafeApply.Outcome outcome = SafeApply.apply(plan, planned.live(), stateDir,
            new SafeApply.Record(state.resolvedAuthor(), state.remote()), running, crashPoint);
        running.actions().forEach(a -> out.println("ocserv: " + a));
        outcome.warnings().forEach(w -> err.println("warning: " + w));
        out.printf("%nApply complete! Resources: %d added, %d changed, %d destroyed.%n",
            plan.count(Action.CREATE), plan.count(Action.UPDATE), plan.count(Action.DELETE));
        if (!outcome.revision().isEmpty()) {
          out.println("Recorded as revision " + outcome.revision().substring(0, 12)
              + (outcome.initialSnapshot() ? " (the files before this apply are the first revision)" : "")
              + "; see 'ocsctl history'.");
        }
        return 0;
      }
    } catch (Exception e) {
      return Failures.report(e, err);
    }
  }

  /** A plan that writes no file, only lifts bans: nothing to stage, roll back or record in the history. */
  private static int liftBansOnly(LiveApply running, PrintWriter out, PrintWriter err) throws java.io.IOException {
    List<String> warnings = running.run();
    running.actions().forEach(a -> out.println("ocserv: " + a));
    warnings.forEach(w -> err.println("warning: " + w));
    out.printf("%nApply complete! Resources: 0 added, 0 changed, 0 destroyed.%n");
    out.println("No file changed, so no revision was recorded.");
    return 0;
  }

  private boolean confirmed(PrintWriter out) throws java.io.IOException {
    out.print("\nDo you want to perform these actions?\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ");
    out.flush();
    String answer = new BufferedReader(new InputStreamReader(Main.context().in(), StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.strip().equals("yes");
  }

  /** Why a saved plan no longer matches what is on disk, if it does not. */
  static Optional<String> staleness(Plan saved, Plan now) {
    if (!saved.desiredFingerprint().equals(now.desiredFingerprint())) {
      return Optional.of("the desired-state file changed since the plan was made");
    }
    for (var e : saved.liveFingerprints().entrySet()) {
      String current = now.liveFingerprints().get(e.getKey());
      if (!e.getValue().equals(current)) {
        return Optional.of(e.getKey() + " changed since the plan was made");
      }
    }
    if (!saved.liveFingerprints().keySet().equals(now.liveFingerprints().keySet())) {
      return Optional.of("the set of managed files changed since the plan was made");
    }
    return Optional.empty();
  }
}
