package io.ocsctl.engine.render;

import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.AttributeChange;
import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.Guard;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ResourceChange;
import io.ocsctl.engine.plan.ServerAction;
import io.ocsctl.providers.occtl.Unban;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine-readable plan ({@code plan -json}, {@code show -json}); its shape is published in
 * docs/plan.schema.json. Only masked values appear: never a hash or a secret.
 */
public final class JsonRenderer {
  /** Bumped on any incompatible change of the document's shape. */
  public static final String FORMAT_VERSION = "1.4";

  static final ObjectMapper JSON =
      JsonMapper.builder(
              tools.jackson.core.json.JsonFactory.builder()
                  .characterEscapes(io.ocsctl.schema.Printable.JSON_ESCAPES)
                  .build())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private JsonRenderer() {}

  public static String render(Plan plan) {
    return pretty(toJson(plan));
  }

  /** Indented JSON with a final newline, as every JSON output of ocsctl is printed. */
  public static String pretty(tools.jackson.databind.JsonNode node) {
    return JSON.writeValueAsString(node) + "\n";
  }

  public static ObjectNode toJson(Plan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    ObjectNode summary = root.putObject("summary");
    summary.put("add", plan.count(Action.CREATE));
    summary.put("change", plan.count(Action.UPDATE));
    summary.put("destroy", plan.count(Action.DELETE));
    summary.put("has_changes", plan.hasChanges());
    summary.put("text", plan.summary());
    ArrayNode resources = root.putArray("resource_changes");
    for (ResourceChange r : plan.resources()) {
      ObjectNode node = resources.addObject();
      node.put("address", r.address().toString());
      node.put("type", r.address().kind().label);
      if (r.address().name() != null) {
        node.put("name", r.address().name());
      }
      node.put("action", action(r.action()));
      ArrayNode attrs = node.putArray("attributes");
      for (AttributeChange a : r.attributes()) {
        ObjectNode attr = attrs.addObject();
        attr.put("name", a.name());
        attr.put("sensitive", a.sensitive());
        attr.put("list", a.list() || a.before().size() > 1 || a.after().size() > 1);
        ArrayNode before = attr.putArray("before");
        a.before().forEach(before::add);
        ArrayNode after = attr.putArray("after");
        a.after().forEach(after::add);
        if (!a.why().isEmpty()) {
          attr.put("why", a.why());
        }
      }
      ArrayNode files = node.putArray("files");
      r.files().forEach(files::add);
      ArrayNode effects = node.putArray("live_effects");
      r.effects().forEach(e -> effects.add(e.label));
    }
    ArrayNode files = root.putArray("file_changes");
    for (FileChange f : plan.files()) {
      ObjectNode node = files.addObject();
      node.put("path", f.path());
      node.put("action", f.isCreate() ? "create" : f.isDelete() ? "delete" : "update");
      node.put("sensitive", f.sensitive());
      node.put("diff", String.join("\n", FileDiffs.unified(f)) + "\n");
    }
    ArrayNode effects = root.putArray("side_effects");
    plan.sideEffects().forEach(effects::add);
    List<ServerAction.LiftBan> lifted = plan.actionsOf(ServerAction.LiftBan.class);
    if (!lifted.isEmpty()) {
      // 1.1: the bans apply lifts, for tools; only present when there are some
      ArrayNode unbans = root.putArray("unbans");
      for (Unban u : lifted.stream().map(ServerAction.LiftBan::unban).toList()) {
        unbans
            .addObject()
            .put("ip", u.ip())
            .put("score", u.score())
            .put("allowlist_entry", u.entry());
      }
    }
    if (!plan.targets().all()) {
      // 1.3: -target; only present for a targeted plan
      ArrayNode targets = root.putArray("targets");
      plan.targets().addresses().forEach(a -> targets.add(a.toString()));
    }
    if (plan.canary().isPresent()) {
      // 1.4: the canary login apply -verify makes after the change; only present with -verify
      ServerAction.Canary c = plan.canary().get();
      ObjectNode canary = root.putObject("canary");
      canary.put("user", c.user()).put("connect", c.connect());
      ArrayNode routes = canary.putArray("expect_routes");
      c.expectRoutes().forEach(routes::add);
      ArrayNode dns = canary.putArray("expect_dns");
      c.expectDns().forEach(dns::add);
    }
    if (!plan.warnings().isEmpty()) {
      // 1.2: the guards apply refuses without a flag; only present when there are some
      ArrayNode warnings = root.putArray("warnings");
      plan.targets()
          .warning()
          .ifPresent(w -> warnings.addObject().put("kind", "targeted").put("message", w));
      for (Guard g : plan.guards()) {
        g.warning().ifPresent(w -> warnings.addObject().put("kind", kind(g)).put("message", w));
      }
    }
    ArrayNode notes = root.putArray("notes");
    plan.notes().forEach(notes::add);
    return root;
  }

  private static String kind(Guard guard) {
    return guard instanceof Guard.MassDestroy ? "mass_destroy" : "restart_needed";
  }

  static String action(Action action) {
    return switch (action) {
      case CREATE -> "create";
      case UPDATE -> "update";
      case DELETE -> "delete";
    };
  }
}
