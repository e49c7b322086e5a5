package io.ocsctl.schema.fleet;

import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.format.Formatter;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.FirewallPolicy;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Server;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.model.Vhost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fleet host's merged state as one desired-state file ({@code ocsctl render}): the model turned
 * back into the tree the loaders build, written by the canonical writer of {@code ocsctl fmt}.
 * Loading the result gives the same model (FleetRenderTest).
 */
public final class HostRender {
  // as the loader turns it back into the identical string: 0755, +1, -0 and TRUE stay strings
  private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]{0,14})");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private HostRender() {}

  /**
   * The text of {@code state} in the format {@code name}'s extension picks, {@code header} lines as
   * comments on top.
   */
  public static String render(String name, DesiredState state, List<String> header)
      throws InvalidInputException {
    StringBuilder out = new StringBuilder();
    header.forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    return out.append(Formatter.write(name, tree(state))).toString();
  }

  /** The tree of {@code state}, in the shape both loaders build. */
  public static ObjectNode tree(DesiredState state) {
    ObjectNode root = NODES.objectNode();
    root.put("version", 1L);
    root.set("server", server(state.server()));
    labelled(
        root, "vhost", state.vhosts(), (Vhost v) -> withSettings(NODES.objectNode(), v.settings()));
    labelled(
        root, "firewall_policy", state.policies(), (FirewallPolicy p) -> firewall(p.firewall()));
    labelled(root, "group", state.groups(), HostRender::group);
    labelled(root, "user", state.users(), HostRender::user);
    return root;
  }

  private static ObjectNode server(Server server) {
    ObjectNode node = withSettings(NODES.objectNode(), server.settings());
    firewallRef(node, server.firewall());
    server.onUserRemoval().ifPresent(p -> node.put("on_user_removal", p.word()));
    if (!server.banAllowlist().isEmpty()) {
      node.set("ban_allowlist", strings(server.banAllowlist()));
    }
    return node;
  }

  private static ObjectNode group(Group group) {
    ObjectNode node = withSettings(NODES.objectNode(), group.settings());
    firewallRef(node, group.firewall());
    return node;
  }

  private static ObjectNode user(User user) {
    ObjectNode node = NODES.objectNode();
    user.vhost().ifPresent(v -> node.put("vhost", v));
    if (!user.groups().isEmpty()) {
      node.set("groups", strings(user.groups()));
    }
    if (user.password().isPresent()) {
      Secret secret = user.password().get();
      if (secret instanceof Secret.Hash hash) {
        node.put("password_hash", hash.crypt());
      } else if (secret instanceof Secret.FromEnv env) {
        node.set("password", NODES.objectNode().put("env", env.variable()));
      } else if (secret instanceof Secret.FromFile file) {
        node.set("password", NODES.objectNode().put("file", file.path()));
      }
    }
    if (user.locked()) {
      node.put("locked", true);
    }
    withSettings(node, user.settings());
    firewallRef(node, user.firewall());
    return node;
  }

  private static void firewallRef(ObjectNode node, Optional<FirewallRef> ref) {
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

  private static ObjectNode withSettings(ObjectNode node, Settings settings) {
    if (settings.isEmpty()) {
      return node;
    }
    ObjectNode values = NODES.objectNode();
    settings
        .values()
        .forEach(
            (key, list) -> {
              if (list.size() == 1) {
                values.set(key, scalar(list.get(0)));
              } else {
                ArrayNode array = NODES.arrayNode();
                list.forEach(v -> array.add(scalar(v)));
                values.set(key, array);
              }
            });
    node.set("settings", values);
    return node;
  }

  private static tools.jackson.databind.JsonNode scalar(String value) {
    if (WHOLE.matcher(value).matches() && !value.equals("-0")) {
      return NODES.numberNode(Long.parseLong(value));
    }
    if (value.equals("true") || value.equals("false")) {
      return NODES.booleanNode(Boolean.parseBoolean(value));
    }
    return NODES.stringNode(value);
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static <V> void labelled(
      ObjectNode root,
      String kind,
      Map<String, V> blocks,
      java.util.function.Function<V, ObjectNode> node) {
    if (blocks.isEmpty()) {
      return;
    }
    ObjectNode all = NODES.objectNode();
    blocks.forEach((name, value) -> all.set(name, node.apply(value)));
    root.set(kind, all);
  }
}
