package io.ocsctl.cli;

import io.ocsctl.engine.lifecycle.Accounting;
import io.ocsctl.schema.Printable;
import io.ocsctl.state.StateDir;
import io.ocsctl.state.UsageLedger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Records the traffic of a session that ended, for quotas. ocserv runs it through the disconnect
 * hook ocsctl writes when the desired state has a quota (docs/lifecycle.md); not for people.
 */
@Command(
    name = "account",
    hidden = true,
    description = {
      "Record a session's traffic from ocserv's disconnect-script environment (quotas).",
      "Run by the disconnect hook ocsctl installs; see docs/lifecycle.md."
    })
final class AccountCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-state-dir", "--state-dir"},
      paramLabel = "DIR",
      required = true,
      description = "The state directory that keeps the usage ledger.")
  Path stateDir;

  @Override
  public Integer call() {
    try {
      UsageLedger.Session ended = Accounting.ended(Main.context().env(), Instant.now());
      if (ended != null) {
        new UsageLedger(StateDir.at(stateDir)).append(ended);
      }
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      spec.commandLine()
          .getErr()
          .println(
              "ocsctl account: usage not recorded: "
                  + Printable.line(String.valueOf(e.getMessage())));
      return 1;
    }
  }
}
