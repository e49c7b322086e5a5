package io.ocsctl.cli;

import io.ocsctl.engine.Seams;
import io.ocsctl.engine.canary.CanaryLogin;
import io.ocsctl.engine.canary.CanaryReport;
import io.ocsctl.engine.doctor.Check;
import io.ocsctl.engine.doctor.Doctor;
import io.ocsctl.engine.render.JsonRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
    exitCodeList = {"0:no check failed (warnings allowed)", "1:a check failed"},
    footer = {
      "",
      "With -login -f FILE, also logs in as the canary of the desired state with openconnect:",
      "the tunnel must come up with the expected routes and DNS (docs/canary.md)."
    })
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOptions where;

  @Option(
      names = {"-json", "--json"},
      description = "Print the checks as JSON.")
  boolean json;

  @Option(
      names = {"-login", "--login"},
      description =
          "Also log in as the canary of the desired state (-f) with openconnect and check the tunnel,"
              + " its routes and DNS, and the login's latency.")
  boolean login;

  @Option(
      names = {"-f", "-file", "--file"},
      paramLabel = "FILE",
      description = "Desired-state file or directory whose canary block -login uses.")
  Path desired;

  @Override
  public Integer call() {
    RecoverFirst.run(where.stateDir(), spec.commandLine().getErr());
    if (login && desired == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "-login needs -f FILE: the desired state names the canary");
    }
    List<Check> checks =
        new ArrayList<>(
            Doctor.run(
                where.root, where.config, where.stateDir(), Main.context().env(), Instant.now()));
    Optional<CanaryReport> canary = Optional.empty();
    if (login) {
      try {
        Map<String, String> env = Main.context().env();
        canary =
            Optional.of(CanaryLogin.onDemand(desired, env, Seams.real(env).vpn(), "doctor -login"));
      } catch (Exception e) {
        return Failures.report(e, spec.commandLine().getErr());
      }
      canary
          .get()
          .checks()
          .forEach(c -> checks.add(new Check("canary " + c.name(), c.status(), c.message())));
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean failed = checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
    if (json) {
      ObjectNode root = JsonMapper.builder().build().createObjectNode();
      root.put("ok", !failed);
      if (canary.isPresent()) {
        ObjectNode c = root.putObject("canary");
        c.put("ok", canary.get().ok());
        if (canary.get().latency().isPresent()) {
          c.put("login_seconds", canary.get().latency().get().toNanos() / 1e9);
        } else {
          c.putNull("login_seconds");
        }
      }
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
