package io.ocsctl.cli;

import io.ocsctl.providers.occtl.EventFollower;
import io.ocsctl.providers.occtl.OcctlProgram;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "events",
    description = {
      "Print connects and disconnects as JSON lines while they happen.",
      "Follows occtl -j show events until interrupted (Ctrl-C) or -max N events.",
      "ocserv 1.1.6 sends events to one listener at a time (docs/live-server.md)."
    })
final class EventsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerViewOptions server;

  @Option(
      names = {"-max", "--max"},
      paramLabel = "N",
      defaultValue = "0",
      description = "Stop after N events (default: follow until interrupted).")
  int max;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Thread hook = null;
    try {
      OcctlProgram occtl = server.occtl(err);
      if (!occtl.answers()) {
        occtl.status(); // says why
      }
      EventFollower follower = new EventFollower(occtl, Clock.systemUTC());
      hook = new Thread(follower::close, "ocsctl-events-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      EventFollower.Outcome outcome =
          follower.run(
              Math.max(0, max),
              event -> {
                out.println(LiveViews.JSON_LINES.writeValueAsString(event));
                out.flush();
              },
              problem -> {
                err.println("warning: an event could not be read: " + problem);
                err.flush();
              });
      if (!outcome.json()) {
        err.println("note: this occtl has no -j; events were read from its text output");
      }
      if (max == 0 || outcome.events() < max) {
        err.println("events ended: " + outcome.ended());
      }
      return 0;
    } catch (Exception e) {
      return LiveViews.failed(e, err);
    } finally {
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it stops occtl
        }
      }
    }
  }
}
