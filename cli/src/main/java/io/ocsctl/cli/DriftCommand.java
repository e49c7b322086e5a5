package io.ocsctl.cli;

import io.ocsctl.engine.Seams;
import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.apply.Recovery;
import io.ocsctl.engine.canary.CanaryLogin;
import io.ocsctl.engine.canary.CanaryReport;
import io.ocsctl.engine.drift.DriftCheck;
import io.ocsctl.engine.drift.DriftRenderer;
import io.ocsctl.engine.drift.DriftReport;
import io.ocsctl.engine.lifecycle.LifecycleMetrics;
import io.ocsctl.providers.write.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "drift",
    description = {
      "Read-only check for a cron: was the server changed by hand, or is a change pending?",
      "Drift: the live server was changed since the last apply. Pending: reviewed changes are not",
      "applied yet. Server down: ocserv does not answer occtl."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:in sync",
      "1:error",
      "2:drift: the live server was changed outside ocsctl",
      "4:pending only: the desired state has changes not applied yet",
      "5:the server does not answer occtl (use-occtl = true, and ocserv runs on this root or left"
          + " its socket file): an outage, not a change by hand; exit 2 wins when there is drift"
          + " too"
    })
final class DriftCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TargetOptions target;

  @Option(
      names = {"-no-server-check", "--no-server-check"},
      description =
          "Do not ask occtl whether ocserv runs. A copy of a tree under --root with no occtl"
              + " socket is skipped without it, with a note.")
  boolean noServerCheck;

  @Option(
      names = {"-json", "--json"},
      description = "Print the report as JSON.")
  boolean json;

  @Option(
      names = {"-usage-metrics", "--usage-metrics"},
      description =
          "With -prometheus: also each user's traffic this month, one series per user (quotas;"
              + " mind the label cardinality).")
  boolean usageMetrics;

  @Option(
      names = {"-prometheus", "--prometheus"},
      paramLabel = "FILE",
      description = "Also write node_exporter textfile metrics to FILE (atomically).")
  Path prometheus;

  @Option(
      names = {"-login", "--login"},
      description =
          "Also log in as the canary of the desired state with openconnect (docs/canary.md); with"
              + " -prometheus, export ocsctl_canary_success and ocsctl_canary_login_seconds. A failed"
              + " login is reported, not an exit code of its own.")
  boolean login;

  @Option(
      names = {"-fleet-host", "--fleet-host"},
      paramLabel = "NAME",
      description =
          "Label every metric with host=\"NAME\" (default: the -host name; empty: no label).")
  String fleetHost;

  /** The host label of the metrics: -fleet-host, else -host, else none. */
  private String hostLabel() {
    String name = fleetHost != null ? fleetHost : target.host;
    if (name != null && !name.isEmpty() && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "-fleet-host "
              + io.ocsctl.schema.Printable.text(name)
              + ": use letters, digits, '.', '_' and '-' (a fleet host name)");
    }
    return name;
  }

  @Override
  public Integer call() {
    try {
      String host = hostLabel();
      Workflow.Target t = target.target();
      Recovery.run(t.stateDir())
          .ifPresent(
              r ->
                  spec.commandLine()
                      .getErr()
                      .println("Recovered an interrupted apply: " + r.action()));
      DriftReport report = noServerCheck ? DriftCheck.run(t) : DriftCheck.runWithServer(t);
      Optional<CanaryReport> canary =
          login
              ? Optional.of(
                  CanaryLogin.onDemand(
                      t.desired(), t.env(), Seams.real(t.env()).vpn(), "drift -login"))
              : Optional.empty();
      spec.commandLine()
          .getOut()
          .print(
              json
                  ? DriftRenderer.json(report, canary)
                  : DriftRenderer.text(report) + canary.map(DriftRenderer::canary).orElse(""));
      if (prometheus != null) {
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("ocsctl_last_check_success", 1.0);
        canary.ifPresent(c -> extra.putAll(DriftRenderer.canaryMetrics(c)));
        AtomicFiles.write(
            prometheus,
            DriftRenderer.withHostLabel(
                    DriftRenderer.prometheus(report, Instant.now(), extra)
                        + LifecycleMetrics.prometheus(
                            report.expiringSoon(),
                            t.stateDir(),
                            Clock.systemDefaultZone(),
                            usageMetrics),
                    host)
                .getBytes(StandardCharsets.UTF_8),
            PosixFilePermissions.fromString("rw-r--r--"));
      }
      return report.exitCode();
    } catch (Exception e) {
      if (prometheus != null) {
        try {
          AtomicFiles.write(
              prometheus,
              DriftRenderer.withHostLabel(
                      "# TYPE ocsctl_last_check_success gauge\nocsctl_last_check_success 0\n"
                          + "# TYPE ocsctl_last_check_timestamp_seconds gauge\nocsctl_last_check_timestamp_seconds "
                          + Instant.now().getEpochSecond()
                          + "\n",
                      safeHost())
                  .getBytes(StandardCharsets.UTF_8),
              PosixFilePermissions.fromString("rw-r--r--"));
        } catch (java.io.IOException ignored) {
          // the error below is what matters
        }
      }
      return Failures.report(e, spec, json);
    }
  }

  private String safeHost() {
    try {
      return hostLabel();
    } catch (RuntimeException e) {
      return null; // a bad name is the error being reported
    }
  }
}
