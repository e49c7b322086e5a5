package io.ocsctl.cli;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.lifecycle.Bytes;
import io.ocsctl.engine.lifecycle.Usage;
import io.ocsctl.engine.lifecycle.Window;
import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.Parsed;
import io.ocsctl.schema.Printable;
import io.ocsctl.schema.model.Quota;
import io.ocsctl.state.StateDir;
import io.ocsctl.state.UsageLedger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "usage",
    description = {
      "Show the traffic of each user and group in a month, for quotas.",
      "Ended sessions come from the usage ledger in the state directory (ocserv's disconnect",
      "numbers, recorded when the desired state has a quota); in the current month the sessions",
      "still running are added from occtl. See docs/lifecycle.md."
    })
final class UsageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerViewOptions server;

  @Option(
      names = {"-period", "--period"},
      paramLabel = "YYYY-MM",
      description = "The month to show (default: the current month on this host's clock).")
  String period;

  @Option(
      names = {"-state-dir", "--state-dir"},
      paramLabel = "DIR",
      description = "Default: ROOT/var/lib/ocsctl.")
  Path stateDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ZoneId zone = ZoneId.systemDefault();
      Instant now = Instant.now();
      Window current = Window.containing(Quota.Period.MONTH, now, zone);
      Window window = period == null ? current : Window.month(period, zone);
      Path dir = stateDir != null ? stateDir : Workflow.defaultStateDir(server.root);
      UsageLedger.Read ended = new UsageLedger(StateDir.at(dir)).read(window.start(), window.end());
      List<ConnectedUser> running = List.of();
      if (window.equals(current)) {
        try {
          Parsed<List<ConnectedUser>> users = server.occtl(err).users();
          LiveViews.warn(users, err);
          running = users.value();
        } catch (OcctlException e) {
          err.println(
              "warning: sessions still running are not counted: "
                  + Printable.line(String.valueOf(e.getMessage())));
        }
      }
      Usage usage = Usage.of(window, ended, running);
      if (server.json) {
        out.print(LiveViews.JSON.writeValueAsString(json(usage)) + "\n");
      } else {
        out.println("Traffic in " + window.label() + " (in = from the clients, out = to them):");
        out.println();
        out.print(table("USER", usage.users()));
        if (!usage.groups().isEmpty()) {
          out.println();
          out.print(table("GROUP", usage.groups()));
        }
      }
      if (usage.skipped() > 0) {
        err.println(
            "warning: "
                + usage.skipped()
                + " line(s) of the usage ledger are not records (torn by a crash or edited) and"
                + " were not counted");
      }
      if (usage.unmeasured() > 0) {
        err.println(
            "warning: occtl printed no traffic counters for "
                + usage.unmeasured()
                + " running session(s) (occtl reads them over netlink, in ocserv's network"
                + " namespace); they are not counted");
      }
      out.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("error: " + Printable.line(e.getMessage()));
      return 1;
    } catch (Exception e) {
      return LiveViews.failed(e, err);
    }
  }

  private static String table(String what, List<Usage.Total> totals) {
    List<List<String>> rows = new ArrayList<>();
    for (Usage.Total t : totals) {
      rows.add(
          List.of(
              t.name(),
              Bytes.human(t.bytesIn()),
              Bytes.human(t.bytesOut()),
              Bytes.human(t.bytes()),
              String.valueOf(t.ended()),
              String.valueOf(t.running())));
    }
    return LiveViews.table(List.of(what, "IN", "OUT", "TOTAL", "ENDED", "RUNNING"), rows);
  }

  private static Map<String, Object> json(Usage usage) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("period", usage.window().label());
    o.put("start", usage.window().start().toString());
    o.put("end", usage.window().end().toString());
    o.put("users", totals(usage.users()));
    o.put("groups", totals(usage.groups()));
    o.put("skipped_lines", usage.skipped());
    o.put("unmeasured_sessions", usage.unmeasured());
    return o;
  }

  private static List<Map<String, Object>> totals(List<Usage.Total> totals) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Usage.Total t : totals) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", t.name());
      o.put("bytes_in", t.bytesIn());
      o.put("bytes_out", t.bytesOut());
      o.put("bytes", t.bytes());
      o.put("ended_sessions", t.ended());
      o.put("running_sessions", t.running());
      list.add(o);
    }
    return list;
  }
}
