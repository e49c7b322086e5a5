package io.ocsctl.cli;

import io.ocsctl.engine.apply.Recovery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ocsctl recover}: finishes or rolls back an apply that a crash or a reboot interrupted, and
 * nothing else. Every command that reads the tree does this first; the package runs this one at
 * boot (ocsctl-recover.service) so that ocserv never starts on a half-swapped tree.
 */
@Command(
    name = "recover",
    description = "Finish or roll back an interrupted apply (the package runs it at boot).")
final class RecoverCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOptions where;

  @Override
  public Integer call() {
    try {
      var recovered = Recovery.run(where.stateDir());
      spec.commandLine()
          .getOut()
          .println(
              recovered
                  .map(r -> "Recovered an interrupted apply: " + r.action())
                  .orElse("Nothing to recover."));
      return 0;
    } catch (Exception e) {
      return Failures.report(e, spec.commandLine().getErr());
    }
  }
}
