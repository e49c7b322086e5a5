package io.ocsctl.cli;

import io.ocsctl.engine.Failure;
import io.ocsctl.engine.Seams;
import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.apply.Applier;
import io.ocsctl.engine.apply.SafeApply;
import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.SavedPlan;
import io.ocsctl.engine.render.TextRenderer;
import io.ocsctl.state.Journal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "apply",
    description = {
      "Make the live server match the desired state, exactly as the plan shows.",
      "All files or none, backed up in the history repository, rolled back on failure.",
      "With PLANFILE (from plan -out), plans again from -f and --root and applies only when the result is that",
      "plan exactly; refuses it when the tree or the desired state changed since, or the file was edited."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:applied, or nothing to do",
      "1:error or refusal: nothing was changed, or the change was rolled back"
    })
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TargetOptions target;
  @Mixin StateOptions state;
  @Mixin ApplyServerOptions server;
  @Mixin TargetingOptions targeting;

  @Parameters(
      arity = "0..1",
      paramLabel = "PLANFILE",
      description = "A plan saved with 'ocsctl plan -out'.")
  Path planFile;

  @Option(
      names = {"-expired-only", "--expired-only"},
      description = {
        "Apply only the locks and unlocks that expiries and quotas call for now (for a timer;",
        "docs/lifecycle.md); every other pending change is left, and a warning says so."
      })
  boolean expiredOnly;

  @Option(
      names = {"-auto-approve", "--auto-approve"},
      description = "Apply without asking for confirmation.")
  boolean autoApprove;

  @Option(
      names = {"-allow-mass-destroy", "--allow-mass-destroy"},
      description =
          "Allow a plan that destroys every user, >10%% of them (at least 5), or a vhost.")
  boolean allowMassDestroy;

  @Option(
      names = {"-no-color", "--no-color"},
      description = "No ANSI colours.")
  boolean noColor;

  @Option(
      names = {"-verify", "--verify"},
      description =
          "After the change, log in as the canary of the desired state with openconnect: the tunnel must"
              + " come up with the expected routes and DNS, else the previous files are restored and"
              + " ocserv reloaded (docs/canary.md).")
  boolean verify;

  @Option(
      names = {"-json", "--json"},
      description = {
        "Print the outcome as JSON on stdout (the plan and messages go to stderr); a failure as",
        "JSON diagnostics (docs/cli.md). Needs -auto-approve or a PLANFILE."
      })
  boolean json;

  /** Fault injection for tests: called at every journal step (in-process tests throw from it). */
  static Journal.CrashPoint crashPoint = pauseAt(System.getProperty("ocsctl.test.pause-at"));

  /**
   * Fault injection for the kill -9 test: with {@code -Docsctl.test.pause-at=STEP} the apply prints
   * {@code PAUSED AT STEP} and waits at that journal step until the test kills it.
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
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // with -json, stdout carries the JSON document only: everything meant for a person goes to
    // stderr
    PrintWriter out = json ? err : stdout;
    try {
      if (json && !autoApprove && planFile == null) {
        throw new Failure.Failed(
            new Failure.Other(
                "-json cannot ask for approval", "add -auto-approve, or apply a saved PLANFILE"));
      }
      Applier.Source source;
      if (planFile == null && expiredOnly) {
        if (!targeting.addresses.isEmpty()) {
          throw new Failure.Failed(
              new Failure.Other(
                  "-expired-only picks its own targets: the users an expiry or a quota locks or"
                      + " unlocks now",
                  "give -expired-only or -target, not both"));
        }
        Optional<Workflow.Target> due =
            Workflow.lifecycleOnly(
                target.target(), server.options(), Seams.real(Main.context().env()));
        if (due.isEmpty()) {
          out.println(
              "No changes: no expiry or quota locks or unlocks anyone now (-expired-only leaves"
                  + " every other change of the desired state to a full apply).");
          out.flush();
          return 0;
        }
        source = new Applier.Source.Desired(due.get());
      } else if (planFile == null) {
        source = new Applier.Source.Desired(targeting.apply(target.target()));
      } else if (!targeting.addresses.isEmpty()) {
        throw new Failure.Failed(
            new Failure.Other(
                "-target cannot be given with a saved plan: it is applied with the targets it was"
                    + " made with",
                "apply " + planFile + " without -target, or make a new plan with -target -out"));
      } else {
        // the desired state and the tree come from the command line, never from the plan file
        source = new Applier.Source.Saved(SavedPlan.read(planFile), planFile, target.target());
      }
      Applier.Options options =
          new Applier.Options(
              server.options().withVerify(verify),
              allowMassDestroy,
              "apply",
              state.lockTimeout(),
              new SafeApply.Record(state.resolvedAuthor(), state.remote()),
              crashPoint);
      Applier.Applied applied =
          Applier.run(
              source,
              options,
              Seams.real(Main.context().env()),
              new Shown(
                  out,
                  err,
                  new TextRenderer(Colors.enabled(noColor)),
                  plan -> approval(planFile == null, out)));
      int code = report(applied, out, err);
      if (json) {
        stdout.print(io.ocsctl.engine.render.AppliedRenderer.json(applied));
        stdout.flush();
      }
      return code;
    } catch (Exception e) {
      return Failures.report(e, spec, json);
    }
  }

  /** Prints what an applied plan did; {@code Apply complete!} and the history revision. */
  private static int report(Applier.Applied applied, PrintWriter out, PrintWriter err) {
    Plan plan = applied.plan();
    if (!plan.hasChanges()) {
      return 0;
    }
    applied.serverActions().forEach(a -> out.println("ocserv: " + a));
    applied.canary().forEach(out::println);
    applied.warnings().forEach(w -> err.println("warning: " + w));
    out.printf(
        "%nApply complete! Resources: %d added, %d changed, %d destroyed.%n",
        plan.count(Action.CREATE), plan.count(Action.UPDATE), plan.count(Action.DELETE));
    if (!plan.targets().all()) {
      // as Terraform says after a targeted apply
      err.println(
          "warning: applied changes may be incomplete: -target left every other change of the"
              + " desired state unapplied; run 'ocsctl plan' to see them");
    }
    if (applied.recorded().isEmpty()) {
      out.println("No file changed, so no revision was recorded.");
    } else if (!applied
        .recorded()
        .get()
        .revision()
        .isEmpty()) { // empty: the commit is owed (a warning said so)
      SafeApply.Outcome outcome = applied.recorded().get();
      out.println(
          "Recorded as revision "
              + outcome.revision().substring(0, 12)
              + (outcome.initialSnapshot()
                  ? " (the files before this apply are the first revision)"
                  : "")
              + "; see 'ocsctl history'.");
    }
    return 0;
  }

  /** Asks for "yes" unless -auto-approve or a saved (already reviewed) plan. */
  private Optional<Failure> approval(boolean ask, PrintWriter out) {
    if (!ask || autoApprove) {
      return Optional.empty();
    }
    try {
      return confirmed(out)
          ? Optional.empty()
          : Optional.of(new Failure.Cancelled("\nApply cancelled; nothing was changed."));
    } catch (IOException e) {
      return Optional.of(
          new Failure.Other("could not read the answer: " + e.getMessage(), "use -auto-approve"));
    }
  }

  private boolean confirmed(PrintWriter out) throws IOException {
    out.print(
        "\nDo you want to perform these actions?\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ");
    out.flush();
    String answer =
        new BufferedReader(new InputStreamReader(Main.context().in(), StandardCharsets.UTF_8))
            .readLine();
    return answer != null && answer.strip().equals("yes");
  }
}
