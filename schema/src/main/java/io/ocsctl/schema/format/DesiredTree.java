package io.ocsctl.schema.format;

import io.ocsctl.schema.model.Canary;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.GroupAttribute;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.TreeValues;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.model.UserAttribute;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tree a desired state is written from: the inverse of the loader's model builder, so that
 * loading the written tree gives back the same model. Attributes at their default (no groups, not
 * locked, no settings) are left out; values are made by {@link TreeValues}, a user's attributes by
 * their {@link UserAttribute} declarations.
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
      server.set("ban_allowlist", TreeValues.strings(state.server().banAllowlist()));
    }
    root.set("server", server);
    ObjectNode vhosts = NODES.objectNode();
    state.vhosts().values().forEach(v -> vhosts.set(v.name(), withSettings(v.settings())));
    ObjectNode policies = NODES.objectNode();
    state
        .policies()
        .values()
        .forEach(p -> policies.set(p.name(), TreeValues.firewall(p.firewall())));
    ObjectNode groups = NODES.objectNode();
    state
        .groups()
        .values()
        .forEach(
            g -> {
              ObjectNode node = NODES.objectNode();
              for (GroupAttribute a : GroupAttribute.values()) {
                a.write(g).ifPresent(value -> node.set(a.key(), value));
              }
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
    state.canary().ifPresent(c -> root.set("canary", canary(c))); // never from a live server
    return root;
  }

  private static ObjectNode canary(Canary canary) {
    ObjectNode node = NODES.objectNode();
    node.put("user", canary.user());
    TreeValues.passwordRef(canary.password()).ifPresent(p -> node.set("password", p));
    canary.connect().ifPresent(c -> node.put("connect", c));
    node.put("server_cert", canary.serverCert());
    if (!canary.expectRoutes().isEmpty()) {
      node.set("expect_routes", TreeValues.strings(canary.expectRoutes()));
    }
    if (!canary.expectDns().isEmpty()) {
      node.set("expect_dns", TreeValues.strings(canary.expectDns()));
    }
    if (!canary.timeout().equals(Canary.DEFAULT_TIMEOUT)) {
      node.put("timeout", Canary.durationText(canary.timeout()));
    }
    return node;
  }

  private static ObjectNode user(User user) {
    ObjectNode node = NODES.objectNode();
    for (UserAttribute a : UserAttribute.values()) {
      a.write(user).ifPresent(value -> node.set(a.key(), value));
    }
    return node;
  }

  private static ObjectNode withSettings(Settings settings) {
    ObjectNode node = NODES.objectNode();
    if (!settings.isEmpty()) {
      node.set("settings", TreeValues.settings(settings));
    }
    return node;
  }

  private static void firewallRef(ObjectNode node, Optional<FirewallRef> ref) {
    ref.ifPresent(r -> node.set("firewall", TreeValues.firewallRef(r)));
  }
}
