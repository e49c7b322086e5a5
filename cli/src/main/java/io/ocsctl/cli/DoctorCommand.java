package io.ocsctl.cli;

import io.ocsctl.engine.doctor.Check;
import io.ocsctl.engine.doctor.Doctor;
import io.ocsctl.engine.render.JsonRenderer;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(
    name = "doctor",
    description =
        "Health checks: config, ocserv -t, process, ports, occtl, certificates, ocpasswd mode, lock, history.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no check failed (warnings allowed)", "1:a check failed"})
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOptions where;

  @Option(
      names = {"-json", "--json"},
      description = "Print the checks as JSON.")
  boolean json;

  @Override
  public Integer call() {
    RecoverFirst.run(where.stateDir(), spec.commandLine().getErr());
    List<Check> checks =
        Doctor.run(where.root, where.config, where.stateDir(), Main.context().env(), Instant.now());
    PrintWriter out = spec.commandLine().getOut();
    boolean failed = checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
    if (json) {
      ObjectNode root = JsonMapper.builder().build().createObjectNode();
      root.put("ok", !failed);
      ArrayNode list = root.putArray("checks");
      for (Check c : checks) {
        list.addObject()
            .put("name", c.name())
            .put("status", c.status().name().toLowerCase())
            .put("message", c.message());
      }
      out.print(JsonRenderer.pretty(root));
    } else {
      for (Check c : checks) {
        out.printf("%-4s  %-28s %s%n", c.status(), c.name(), c.message());
      }
    }
    return failed ? 1 : 0;
  }
}
