package io.ocsctl.engine.importer;

import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.FirewallPolicy;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.model.Vhost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Writes a desired state as YAML with Jackson: two-space indentation, list items indented under
 * their key, strings unquoted only when they are plainly strings (see {@link Quoting}); firewall
 * policies under {@code firewall_policy}, referenced by name or inline under {@code firewall}.
 */
final class YamlWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper YAML =
      YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new Quoting()).build())
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .disable(YAMLWriteFeature.SPLIT_LINES)
          .build();

  private YamlWriter() {}

  static String write(DesiredState state, List<String> header) {
    ObjectNode root = NODES.objectNode();
    root.put("version", 1);
    root.set("server", withSettings(state.server().settings()));
    if (!state.vhosts().isEmpty()) {
      ObjectNode vhosts = root.putObject("vhost");
      for (Vhost vhost : state.vhosts().values()) {
        vhosts.set(vhost.name(), withSettings(vhost.settings()));
      }
    }
    if (!state.policies().isEmpty()) {
      ObjectNode policies = root.putObject("firewall_policy");
      for (FirewallPolicy policy : state.policies().values()) {
        policies.set(policy.name(), firewall(policy.firewall()));
      }
    }
    if (!state.groups().isEmpty()) {
      ObjectNode groups = root.putObject("group");
      for (Group group : state.groups().values()) {
        ObjectNode node = withSettings(group.settings());
        firewallRef(node, group.firewall());
        groups.set(group.name(), node);
      }
    }
    if (!state.users().isEmpty()) {
      ObjectNode users = root.putObject("user");
      for (User user : state.users().values()) {
        users.set(user.name(), user(user));
      }
    }
    StringBuilder out = new StringBuilder();
    header.forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    return out.append(YAML.writeValueAsString(root)).toString();
  }

  private static ObjectNode user(User user) {
    ObjectNode node = NODES.objectNode();
    user.vhost().ifPresent(vhost -> node.put("vhost", vhost));
    if (!user.groups().isEmpty()) {
      ArrayNode groups = node.putArray("groups");
      user.groups().forEach(groups::add);
    }
    user.password().ifPresent(secret -> node.put("password_hash", ((Secret.Hash) secret).crypt()));
    if (user.locked()) {
      node.put("locked", true);
    }
    if (!user.settings().isEmpty()) {
      node.set("settings", settings(user.settings()));
    }
    firewallRef(node, user.firewall());
    return node;
  }

  /** {@code firewall: NAME}, or the inline policy's attributes under {@code firewall}. */
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
      ArrayNode ports = node.putArray("allow_ports");
      firewall.allowPorts().forEach(ports::add);
    }
    if (!firewall.denyPorts().isEmpty()) {
      ArrayNode ports = node.putArray("deny_ports");
      firewall.denyPorts().forEach(ports::add);
    }
    return node;
  }

  private static ObjectNode withSettings(Settings settings) {
    ObjectNode node = NODES.objectNode();
    if (!settings.isEmpty()) {
      node.set("settings", settings(settings));
    }
    return node;
  }

  private static ObjectNode settings(Settings settings) {
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

  private static tools.jackson.databind.JsonNode scalar(String value) {
    Object typed = Scalars.typed(value);
    if (typed instanceof Long n) {
      return NODES.numberNode(n);
    }
    if (typed instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return NODES.stringNode(value);
  }

  /**
   * Leaves a string unquoted only when it is made of the characters of names, paths and networks
   * and cannot be read as anything but a string: not a YAML 1.1 or 1.2 keyword (yes, off, null, ~
   * ...), and not starting with a digit, a sign or a dot unless it is an address or network such as
   * {@code 10.0.0.0/8}. Everything else is double-quoted.
   */
  static final class Quoting extends StringQuotingChecker {
    private static final long serialVersionUID = 1L;
    private static final Pattern PLAIN =
        Pattern.compile(
            "[A-Za-z_/][A-Za-z0-9_./@+-]*|[0-9][0-9.]*\\.[0-9.]*/[0-9.]+"
                + "|[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final Pattern KEYWORD =
        Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null|nan|inf|infinity|[-+]?\\.(inf|nan)");

    @Override
    public boolean needToQuoteName(String name) {
      return needsQuotes(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return needsQuotes(value);
    }

    private static boolean needsQuotes(String s) {
      return !PLAIN.matcher(s).matches() || KEYWORD.matcher(s).matches();
    }
  }
}
