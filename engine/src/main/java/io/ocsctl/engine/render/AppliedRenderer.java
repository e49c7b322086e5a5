package io.ocsctl.engine.render;

import io.ocsctl.engine.apply.Applier;
import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.Plan;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code apply -json}: what an apply did, as one document — success, the counts, the history
 * revision (null when no file changed), what happened on the running server, warnings, and the plan
 * that was applied as {@code plan -json} prints it (docs/cli.md).
 */
public final class AppliedRenderer {
  public static final String FORMAT_VERSION = "1.0";

  private AppliedRenderer() {}

  public static String json(Applier.Applied applied) {
    Plan plan = applied.plan();
    ObjectNode root = JsonRenderer.JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("command", "apply");
    root.put("success", true);
    ObjectNode summary = root.putObject("applied");
    summary.put("add", plan.count(Action.CREATE));
    summary.put("change", plan.count(Action.UPDATE));
    summary.put("destroy", plan.count(Action.DELETE));
    summary.put("has_changes", plan.hasChanges());
    String revision =
        applied.recorded().map(o -> o.revision()).filter(r -> !r.isEmpty()).orElse(null);
    root.put("revision", revision);
    applied.serverActions().forEach(root.putArray("server_actions")::add);
    applied.warnings().forEach(root.putArray("warnings")::add);
    if (!applied.canary().isEmpty()) {
      // apply -verify: one line per canary check, as the text output prints them
      applied.canary().forEach(root.putArray("canary")::add);
    }
    root.set("plan", JsonRenderer.toJson(plan));
    return JsonRenderer.pretty(root);
  }
}
