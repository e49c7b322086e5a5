package io.ocsctl.engine.drift;

import io.ocsctl.engine.canary.CanaryReport;
import io.ocsctl.engine.doctor.Check;
import io.ocsctl.engine.plan.AttributeChange;
import io.ocsctl.engine.plan.ResourceChange;
import io.ocsctl.engine.render.JsonRenderer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a drift report as text, JSON, or a Prometheus node_exporter textfile. */
public final class DriftRenderer {
  private DriftRenderer() {}

  public static String text(DriftReport report) {
    StringBuilder out = new StringBuilder();
    report.notes().forEach(n -> out.append("Note: ").append(n).append('\n'));
    switch (report.server().state()) {
      case DOWN ->
          out.append("Server down: ")
              .append(report.server().detail())
              .append(" (not running?). Not a change by hand: start ocserv, then check again.\n");
      case NOT_HERE, NOT_CHECKED ->
          out.append("Note: ").append(report.server().detail()).append(".\n");
      case UP, NOT_ASKED -> {}
    }
    if (report.drifted().isEmpty() && report.pending().isEmpty()) {
      out.append("In sync: the live server is the last applied revision")
          .append(report.baseline().map(b -> " (" + b.substring(0, 12) + ")").orElse(""))
          .append(" and the desired state has nothing new.\n");
      return io.ocsctl.schema.Printable.text(out.toString());
    }
    if (!report.drifted().isEmpty()) {
      out.append("Drift: the live server was changed outside ocsctl")
          .append(report.baseline().map(b -> " since revision " + b.substring(0, 12)).orElse(""))
          .append(":\n");
      for (ResourceChange r : report.drifted()) {
        out.append("  ")
            .append(DriftReport.symbol(r))
            .append(' ')
            .append(r.address())
            .append("  ")
            .append(DriftReport.howChanged(r))
            .append(attributes(r))
            .append('\n');
      }
      out.append("Run 'ocsctl plan' to see what apply would do about it.\n");
    }
    if (!report.pending().isEmpty()) {
      out.append(report.drifted().isEmpty() ? "" : "\n")
          .append("Pending: reviewed changes not applied yet:\n");
      for (ResourceChange r : report.pending()) {
        out.append("  ").append(r.action().symbol).append(' ').append(r.address()).append('\n');
      }
    }
    return io.ocsctl.schema.Printable.text(out.toString());
  }

  private static String attributes(ResourceChange r) {
    List<String> names = r.attributes().stream().map(AttributeChange::name).toList();
    return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
  }

  public static String json(DriftReport report) {
    return json(report, Optional.empty());
  }

  /** The canary login of {@code drift -login}, one line per check. */
  public static String canary(CanaryReport canary) {
    StringBuilder out = new StringBuilder("Canary: ").append(canary.ok() ? "PASS" : "FAIL");
    canary.latency().ifPresent(l -> out.append(", login in ").append(CanaryReport.seconds(l)));
    out.append('\n');
    for (Check c : canary.checks()) {
      out.append("  ").append(c.status()).append(' ').append(c.name()).append(": ");
      out.append(c.message()).append('\n');
    }
    return io.ocsctl.schema.Printable.text(out.toString());
  }

  /**
   * {@code ocsctl_canary_success} (1 or 0) and, when a tunnel came up, {@code
   * ocsctl_canary_login_seconds}.
   */
  public static Map<String, Double> canaryMetrics(CanaryReport canary) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    out.put("ocsctl_canary_success", canary.ok() ? 1.0 : 0.0);
    canary.latency().ifPresent(l -> out.put("ocsctl_canary_login_seconds", l.toNanos() / 1e9));
    return out;
  }

  /** The report as JSON, with the canary login of {@code drift -login} when it ran. */
  public static String json(DriftReport report, Optional<CanaryReport> canary) {
    ObjectNode root = JsonMapper.builder().build().createObjectNode();
    root.put("format_version", "1.0");
    root.put(
        "status",
        switch (report.exitCode()) {
          case 2 -> "drift";
          case DriftReport.SERVER_DOWN -> "server_down";
          case 4 -> "pending";
          default -> "in_sync";
        });
    root.put("baseline", report.baseline().orElse(null));
    if (report.server().state() != DriftReport.State.NOT_ASKED) {
      ObjectNode server = root.putObject("server");
      server.put("state", report.server().state().name().toLowerCase(java.util.Locale.ROOT));
      server.put("up", report.server().up());
      server.put("connected_users", report.server().connectedUsers());
      server.put("detail", report.server().detail());
    }
    ArrayNode drifted = root.putArray("drifted");
    for (ResourceChange r : report.drifted()) {
      ObjectNode node = drifted.addObject();
      node.put("address", r.address().toString());
      node.put("type", r.address().kind().label);
      node.put("change", DriftReport.howChanged(r));
      r.attributes().forEach(a -> node.withArray("attributes").add(a.name()));
    }
    ArrayNode pending = root.putArray("pending");
    for (ResourceChange r : report.pending()) {
      ObjectNode node = pending.addObject();
      node.put("address", r.address().toString());
      node.put("action", r.action().name().toLowerCase());
    }
    report.notes().forEach(root.putArray("notes")::add);
    if (canary.isPresent()) {
      ObjectNode c = root.putObject("canary");
      c.put("ok", canary.get().ok());
      if (canary.get().latency().isPresent()) {
        c.put("login_seconds", canary.get().latency().get().toNanos() / 1e9);
      } else {
        c.putNull("login_seconds");
      }
      ArrayNode checks = c.putArray("checks");
      for (Check check : canary.get().checks()) {
        checks
            .addObject()
            .put("name", check.name())
            .put("status", check.status().name().toLowerCase())
            .put("message", check.message());
      }
    }
    return JsonRenderer.pretty(root);
  }

  /** node_exporter textfile metrics; {@code extra} adds gauges such as connected users. */
  public static String prometheus(DriftReport report, Instant now, Map<String, Double> extra) {
    StringBuilder out = new StringBuilder();
    out.append(
            "# HELP ocsctl_drift_resources Resources changed on the live server outside ocsctl, by kind.\n")
        .append("# TYPE ocsctl_drift_resources gauge\n");
    DriftReport.countByKind(report.drifted())
        .forEach(
            (kind, n) ->
                out.append("ocsctl_drift_resources{kind=\"")
                    .append(kind)
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    out.append("# HELP ocsctl_pending_resources Reviewed changes not applied yet, by kind.\n")
        .append("# TYPE ocsctl_pending_resources gauge\n");
    DriftReport.countByKind(report.pending())
        .forEach(
            (kind, n) ->
                out.append("ocsctl_pending_resources{kind=\"")
                    .append(kind)
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    out.append(
            "# HELP ocsctl_drift_status 0 in sync, 2 drift, 4 pending only, 5 server down (the exit code of ocsctl drift).\n")
        .append("# TYPE ocsctl_drift_status gauge\n")
        .append("ocsctl_drift_status ")
        .append(report.exitCode())
        .append('\n');
    if (report.server().expected()) {
      out.append("# HELP ocsctl_server_up 1 when ocserv answers on its occtl socket.\n")
          .append("# TYPE ocsctl_server_up gauge\n")
          .append("ocsctl_server_up ")
          .append(report.server().up() ? 1 : 0)
          .append('\n')
          .append("# HELP ocsctl_connected_users Users connected to ocserv (occtl show users).\n")
          .append("# TYPE ocsctl_connected_users gauge\n")
          .append("ocsctl_connected_users ")
          .append(report.server().connectedUsers())
          .append('\n');
    }
    out.append("# HELP ocsctl_last_check_timestamp_seconds When the last drift check finished.\n")
        .append("# TYPE ocsctl_last_check_timestamp_seconds gauge\n")
        .append("ocsctl_last_check_timestamp_seconds ")
        .append(now.getEpochSecond())
        .append('\n');
    extra.forEach(
        (name, value) ->
            out.append("# TYPE ")
                .append(name)
                .append(" gauge\n")
                .append(name)
                .append(' ')
                .append(
                    value.longValue() == value
                        ? Long.toString(value.longValue())
                        : value.toString())
                .append('\n'));
    return out.toString();
  }

  /**
   * {@code metrics} (textfile format) with {@code host="NAME"} on every sample, so one Prometheus
   * query over a fleet shows which server drifted; {@code host} empty leaves them as they are. The
   * name is a fleet host name (letters, digits, '.', '_', '-'), which needs no escaping.
   */
  public static String withHostLabel(String metrics, String host) {
    if (host == null || host.isEmpty()) {
      return metrics;
    }
    if (!host.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new IllegalArgumentException("not a fleet host name: " + host);
    }
    String label = "host=\"" + host + "\"";
    StringBuilder out = new StringBuilder();
    for (String line : metrics.split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("#")) {
        out.append(line);
      } else {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        out.append(
            brace >= 0 && brace < space
                ? line.substring(0, brace + 1) + label + "," + line.substring(brace + 1)
                : line.substring(0, space) + "{" + label + "}" + line.substring(space));
      }
      out.append('\n');
    }
    return out.substring(0, out.length() - 1);
  }
}
