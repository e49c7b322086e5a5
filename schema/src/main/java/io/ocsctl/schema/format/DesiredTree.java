package io.ocsctl.schema.format;

import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tree a desired state is written from: the inverse of the loader's model builder, so that
 * loading the written tree gives back the same model. Attributes at their default (no groups, not
 * locked, no settings) are left out; option values are typed by {@link Scalars}.
 */
final class DesiredTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DesiredTree() {}

  static ObjectNode of(DesiredState state) {
    ObjectNode root = NODES.objectNode();
    root.put("version", 1);
    ObjectNode server = withSettings(state.server().settings());
    firewallRef(server, state.server().firewall());
    state.server().onUserRemoval().ifPresent(p -> server.put("on_user_removal", p.word()));
    if (!state.server().banAllowlist().isEmpty()) {
      server.set("ban_allowlist", strings(state.server().banAllowlist()));
    }
    root.set("server", server);
    ObjectNode vhosts = NODES.objectNode();
    state.vhosts().values().forEach(v -> vhosts.set(v.name(), withSettings(v.settings())));
    ObjectNode policies = NODES.objectNode();
    state.policies().values().forEach(p -> policies.set(p.name(), firewall(p.firewall())));
    ObjectNode groups = NODES.objectNode();
    state
        .groups()
        .values()
        .forEach(
            g -> {
              ObjectNode node = withSettings(g.settings());
              firewallRef(node, g.firewall());
              groups.set(g.name(), node);
            });
    ObjectNode users = NODES.objectNode();
    state.users().values().forEach(u -> users.set(u.name(), user(u)));
    for (Map.Entry<String, ObjectNode> kind :
        Map.of("vhost", vhosts, "firewall_policy", policies, "group", groups, "user", users)
            .entrySet()) {
      if (!kind.getValue().isEmpty()) {
        root.set(kind.getKey(), kind.getValue()); // the writers order the kinds
      }
    }
    return root;
  }

  private static ObjectNode user(User user) {
    ObjectNode node = NODES.objectNode();
    user.vhost().ifPresent(v -> node.put("vhost", v));
    if (!user.groups().isEmpty()) {
      node.set("groups", strings(user.groups()));
    }
    user.password().ifPresent(secret -> password(secret, node));
    if (user.locked()) {
      node.put("locked", true);
    }
    if (!user.settings().isEmpty()) {
      node.set("settings", settings(user.settings()));
    }
    firewallRef(node, user.firewall());
    return node;
  }

  /** {@code password_hash}, or {@code password = { env = ... } | { file = ... }}. */
  private static void password(Secret secret, ObjectNode node) {
    if (secret instanceof Secret.Hash hash) {
      node.put("password_hash", hash.crypt());
    } else if (secret instanceof Secret.FromEnv env) {
      node.putObject("password").put("env", env.variable());
    } else if (secret instanceof Secret.FromFile file) {
      node.putObject("password").put("file", file.path());
    }
  }

  private static ObjectNode withSettings(Settings settings) {
    ObjectNode node = NODES.objectNode();
    if (!settings.isEmpty()) {
      node.set("settings", settings(settings));
    }
    return node;
  }

  static ObjectNode settings(Settings settings) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, List<String>> e : settings.values().entrySet()) {
      if (e.getValue().size() == 1) {
        node.set(e.getKey(), scalar(e.getValue().get(0)));
      } else {
        ArrayNode list = node.putArray(e.getKey());
        e.getValue().forEach(v -> list.add(scalar(v)));
      }
    }
    return node;
  }

  private static JsonNode scalar(String value) {
    Object typed = Scalars.typed(value);
    if (typed instanceof Long n) {
      return NODES.numberNode(n);
    }
    if (typed instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return NODES.stringNode(value);
  }

  static void firewallRef(ObjectNode node, Optional<FirewallRef> ref) {
    if (ref.isEmpty()) {
      return;
    }
    if (ref.get() instanceof FirewallRef.Named named) {
      node.put("firewall", named.policy());
    } else {
      node.set("firewall", firewall(((FirewallRef.Inline) ref.get()).firewall()));
    }
  }

  private static ObjectNode firewall(Firewall firewall) {
    ObjectNode node = NODES.objectNode();
    if (firewall.restrictToRoutes()) {
      node.put("restrict_to_routes", true);
    }
    if (!firewall.allowPorts().isEmpty()) {
      node.set("allow_ports", strings(firewall.allowPorts()));
    }
    if (!firewall.denyPorts().isEmpty()) {
      node.set("deny_ports", strings(firewall.denyPorts()));
    }
    return node;
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode list = NODES.arrayNode();
    values.forEach(list::add);
    return list;
  }
}
