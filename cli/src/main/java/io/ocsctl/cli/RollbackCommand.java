package io.ocsctl.cli;

import io.ocsctl.engine.Failure;
import io.ocsctl.engine.Seams;
import io.ocsctl.engine.apply.Applier;
import io.ocsctl.engine.apply.SafeApply;
import io.ocsctl.engine.render.TextRenderer;
import io.ocsctl.state.Journal;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "rollback",
    description = {
      "Return the managed files to a revision of 'ocsctl history' through the same safe apply.",
      "The running ocserv is brought onto them like an apply does (reload, or restart with -allow-restart)."
    })
final class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOptions where;
  @Mixin StateOptions state;
  @Mixin ApplyServerOptions server;

  @Parameters(paramLabel = "REV", description = "A revision id (or HEAD~1) from 'ocsctl history'.")
  String revision;

  @Option(
      names = {"-auto-approve", "--auto-approve"},
      description = "Do not ask for confirmation.")
  boolean autoApprove;

  @Option(
      names = {"-allow-mass-destroy", "--allow-mass-destroy"},
      description =
          "Allow a rollback that destroys every user, >10%% of them (at least 5), or a vhost.")
  boolean allowMassDestroy;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Applier.Options options =
          new Applier.Options(
              server.options(),
              allowMassDestroy,
              "rollback",
              state.lockTimeout(),
              new SafeApply.Record(state.resolvedAuthor(), state.remote()),
              Journal.CrashPoint.NONE);
      Applier.Applied applied =
          Applier.run(
              new Applier.Source.Revision(revision, where.root, where.config, where.stateDir()),
              options,
              Seams.real(Main.context().env()),
              new Shown(
                  out,
                  err,
                  new TextRenderer(false),
                  plan ->
                      autoApprove
                          ? Optional.empty()
                          : Optional.of(
                              new Failure.Cancelled(
                                  "error: rollback changes the live server; review the plan above and pass -auto-approve."))));
      if (!applied.plan().hasChanges()) {
        return 0;
      }
      applied.serverActions().forEach(a -> out.println("ocserv: " + a));
      applied.warnings().forEach(w -> err.println("warning: " + w));
      String revision = applied.recorded().map(SafeApply.Outcome::revision).orElse("");
      out.println(
          "\nRollback complete"
              + (revision.isEmpty()
                  ? "."
                  : "; recorded as revision " + revision.substring(0, 12) + "."));
      return 0;
    } catch (Exception e) {
      return Failures.report(e, err);
    }
  }
}
