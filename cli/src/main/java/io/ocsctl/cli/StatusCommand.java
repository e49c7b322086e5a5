package io.ocsctl.cli;

import io.ocsctl.providers.occtl.IRouteEntry;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.Parsed;
import io.ocsctl.providers.occtl.ServerStatus;
import java.io.PrintWriter;
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
    name = "status",
    description = {
      "Show the running server as occtl reports it.",
      "occtl show status; with -iroutes also the networks each connection routes (occtl show iroutes).",
      "Exit 1 when ocserv does not answer."
    })
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerViewOptions server;

  @Option(
      names = {"-iroutes", "--iroutes"},
      description = "Also list the iroutes of every connection.")
  boolean iroutes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Occtl occtl = server.occtl(err);
      Parsed<ServerStatus> status = occtl.status();
      Parsed<List<IRouteEntry>> routes = iroutes ? occtl.iroutes() : null;
      if (server.json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("socket", occtl.socket().toString());
        doc.put("status", status.value());
        if (routes != null) {
          doc.put("iroutes", routes.value());
        }
        out.println(LiveViews.JSON.writeValueAsString(doc));
      } else {
        out.println("ocserv on " + occtl.socket() + ":");
        int width =
            status.value().fields().keySet().stream().mapToInt(String::length).max().orElse(0);
        status
            .value()
            .fields()
            .forEach(
                (k, v) -> {
                  if (!k.startsWith("raw_") && !k.startsWith("_")) {
                    out.println(
                        "  "
                            + k
                            + ":"
                            + " ".repeat(width - k.length() + 1)
                            + io.ocsctl.schema.Printable.line(String.valueOf(v)));
                  }
                });
        if (routes != null) {
          out.println();
          out.print(
              LiveViews.table(
                  List.of("ID", "USER", "VHOST", "DEVICE", "VPN IP", "IROUTES"),
                  routes.value().stream()
                      .map(
                          r ->
                              List.of(
                                  LiveViews.number(r.id()),
                                  r.user(),
                                  r.vhost(),
                                  r.device(),
                                  r.vpnIp(),
                                  String.join(", ", r.iroutes())))
                      .toList()));
        }
      }
      LiveViews.warn(status, err);
      if (routes != null) {
        LiveViews.warn(routes, err);
      }
      out.flush();
      return 0;
    } catch (Exception e) {
      return LiveViews.failed(e, err);
    }
  }
}
