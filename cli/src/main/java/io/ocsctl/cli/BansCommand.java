package io.ocsctl.cli;

import io.ocsctl.providers.occtl.BanEntry;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.Parsed;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bans",
    description = {
      "List the addresses the running server bans.",
      "occtl show ip bans; with -points every address's ban score so far (occtl show ip ban points)."
    })
final class BansCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerViewOptions server;

  @Option(
      names = {"-points", "--points"},
      description = "Scores of all addresses, banned or not.")
  boolean points;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Occtl occtl = server.occtl(err);
      Parsed<List<BanEntry>> bans = points ? occtl.banPoints() : occtl.bans();
      if (server.json) {
        out.println(LiveViews.JSON.writeValueAsString(bans.value()));
      } else if (points) {
        out.print(
            LiveViews.table(
                List.of("IP", "SCORE"),
                bans.value().stream()
                    .map(b -> List.of(b.ip(), LiveViews.number(b.score())))
                    .toList()));
      } else {
        out.print(
            LiveViews.table(
                List.of("IP", "SCORE", "BANNED UNTIL"),
                bans.value().stream()
                    .map(b -> List.of(b.ip(), LiveViews.number(b.score()), b.until()))
                    .toList()));
      }
      LiveViews.warn(bans, err);
      out.flush();
      return 0;
    } catch (Exception e) {
      return LiveViews.failed(e, err);
    }
  }
}
