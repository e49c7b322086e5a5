package io.ocsctl.engine.render;

import io.ocsctl.engine.fleet.FleetPlan.HostPlan;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ResourceChange;
import io.ocsctl.schema.Printable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ocsctl fleet plan}: a summary per host for the terminal, and one Markdown comment for the
 * whole fleet — which hosts change and how, the changes every host shares (said once), the changes
 * only some hosts have (with their hosts), then each host's own plan, collapsed.
 */
public final class FleetRenderer {
  private FleetRenderer() {}

  /** Per host: its name and summary line, then one line per changed resource. */
  public static String text(List<HostPlan> hosts) {
    StringBuilder out = new StringBuilder();
    for (HostPlan h : hosts) {
      out.append("== ").append(h.host()).append(": ");
      if (h.plan().isEmpty()) {
        out.append("error\n");
        h.errors().forEach(line -> out.append("   ").append(Printable.text(line)).append('\n'));
        continue;
      }
      Plan plan = h.plan().get();
      out.append(plan.summary()).append('\n');
      SummaryRenderer.render(plan).lines().forEach(l -> out.append("   ").append(l).append('\n'));
    }
    out.append('\n').append(headline(hosts)).append('\n');
    return out.toString();
  }

  /** The fleet's pull-request comment, at most {@code limit} characters. */
  public static String markdown(List<HostPlan> hosts, int limit) {
    StringBuilder out = new StringBuilder("### ocsctl fleet plan: ").append(headline(hosts));
    out.append("\n\n| Host | Plan | Live effect |\n|---|---|---|\n");
    for (HostPlan h : hosts) {
      out.append("| `").append(h.host()).append("` | ");
      if (h.plan().isEmpty()) {
        out.append("**error** | |\n");
      } else {
        Plan plan = PrintablePlan.of(h.plan().get());
        out.append(plan.summary())
            .append(" | ")
            .append(String.join(", ", effects(plan)))
            .append(" |\n");
      }
    }
    List<HostPlan> planned = hosts.stream().filter(h -> h.plan().isPresent()).toList();
    Map<String, List<String>> where = new LinkedHashMap<>();
    Map<String, ResourceChange> changes = new LinkedHashMap<>();
    for (HostPlan h : planned) {
      for (ResourceChange r : PrintablePlan.of(h.plan().get()).resources()) {
        String key = key(r);
        changes.putIfAbsent(key, r);
        where.computeIfAbsent(key, k -> new ArrayList<>()).add(h.host());
      }
    }
    List<String> shared = new ArrayList<>();
    List<String> some = new ArrayList<>();
    where.forEach((key, names) -> (names.size() == planned.size() ? shared : some).add(key));
    if (planned.size() > 1 && !shared.isEmpty()) {
      out.append("\n**The same on all ").append(planned.size()).append(" hosts:**\n\n");
      out.append("| | Resource | Action | Changes |\n|---|---|---|---|\n");
      shared.forEach(k -> row(out, changes.get(k), null));
    }
    if (!some.isEmpty()) {
      out.append(planned.size() > 1 ? "\n**Only on some hosts:**\n\n" : "\n");
      out.append("| | Resource | Action | Changes | Hosts |\n|---|---|---|---|---|\n");
      some.forEach(k -> row(out, changes.get(k), where.get(k)));
    }
    for (HostPlan h : hosts) {
      if (h.plan().isEmpty()) {
        out.append("\n**`").append(h.host()).append("` could not be planned:**\n\n```\n");
        h.errors()
            .forEach(l -> out.append(Printable.text(l).replace("```", "`\u200b``")).append('\n'));
        out.append("```\n");
      }
    }
    String head = out.toString();
    List<HostPlan> changing = planned.stream().filter(HostPlan::changes).toList();
    if (changing.isEmpty()) {
      return head;
    }
    int budget = Math.max(500, (limit - head.length()) / changing.size() - 120);
    StringBuilder details = new StringBuilder();
    for (HostPlan h : changing) {
      String plan = MarkdownRenderer.render(h.plan().get(), budget);
      plan = plan.substring(plan.indexOf("\n") + 1).stripLeading(); // its title is the summary
      details
          .append("\n<details><summary><code>")
          .append(h.host())
          .append("</code>: ")
          .append(h.plan().get().summary())
          .append("</summary>\n\n")
          .append(plan.stripTrailing())
          .append("\n</details>\n");
    }
    return head + details;
  }

  /** "2 of 3 hosts change (eu-1, us-1); 1 unchanged; 0 failed." */
  static String headline(List<HostPlan> hosts) {
    List<String> changing = hosts.stream().filter(HostPlan::changes).map(HostPlan::host).toList();
    long failed = hosts.stream().filter(h -> h.plan().isEmpty()).count();
    long same = hosts.size() - changing.size() - failed;
    return changing.size()
        + " of "
        + hosts.size()
        + " hosts change"
        + (changing.isEmpty() ? "" : " (" + String.join(", ", changing) + ")")
        + ", "
        + same
        + " unchanged"
        + (failed > 0 ? ", " + failed + " could not be planned" : "")
        + ".";
  }

  private static List<String> effects(Plan plan) {
    List<String> out = new ArrayList<>();
    for (ResourceChange r : plan.resources()) {
      r.effects()
          .forEach(
              e -> {
                if (!out.contains(e.label)) {
                  out.add(e.label);
                }
              });
    }
    return out;
  }

  /** Two hosts share a change when its resource, action and every attribute before/after agree. */
  private static String key(ResourceChange r) {
    return r.address() + "\u0000" + r.action() + "\u0000" + r.attributes();
  }

  private static void row(StringBuilder out, ResourceChange r, List<String> hosts) {
    out.append("| ")
        .append(r.action().symbol)
        .append(" | `")
        .append(r.address())
        .append("` | ")
        .append(JsonRenderer.action(r.action()))
        .append(" | ")
        .append(MarkdownRenderer.changes(r))
        .append(hosts == null ? "" : " | " + String.join(", ", hosts))
        .append(" |\n");
  }
}
