package io.ocsctl.schema.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The values of a desired-state tree and their model, both ways: the loader reads schema-valid
 * nodes with these, the writer (fmt, import) makes nodes with them, so what is written loads back
 * into the same model.
 */
public final class TreeValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * An option value written as an integer only when the loader turns that back into the identical
   * string ({@code 0755}, {@code +1}, {@code -0} and numbers of 16 digits or more stay strings;
   * hcl4j reads numbers as doubles).
   */
  private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]{0,14})");

  private TreeValues() {}

  public static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(e -> out.add(e.asString()));
    }
    return out;
  }

  public static ArrayNode strings(List<String> values) {
    ArrayNode list = NODES.arrayNode();
    values.forEach(list::add);
    return list;
  }

  public static JsonNode string(String value) {
    return NODES.stringNode(value);
  }

  public static JsonNode bool(boolean value) {
    return NODES.booleanNode(value);
  }

  public static Settings settings(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Settings.EMPTY;
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              List<String> list = new ArrayList<>();
              if (v.isArray()) {
                v.forEach(element -> list.add(scalar(element)));
              } else {
                list.add(scalar(v));
              }
              values.put(e.getKey(), list);
            });
    return new Settings(values);
  }

  private static String scalar(JsonNode v) {
    return v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.asString();
  }

  /** One option per key: a single value as a scalar, several as a list. */
  public static ObjectNode settings(Settings settings) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, List<String>> e : settings.values().entrySet()) {
      if (e.getValue().size() == 1) {
        node.set(e.getKey(), typed(e.getValue().get(0)));
      } else {
        ArrayNode list = node.putArray(e.getKey());
        e.getValue().forEach(v -> list.add(typed(v)));
      }
    }
    return node;
  }

  /**
   * An option value as a number or a boolean only when the loader turns that back into the
   * identical string ({@code TRUE}, {@code 0755} stay strings), otherwise a string.
   */
  public static JsonNode typed(String value) {
    if (WHOLE.matcher(value).matches() && !value.equals("-0")) {
      return NODES.numberNode(Long.parseLong(value));
    }
    if (value.equals("true") || value.equals("false")) {
      return NODES.booleanNode(Boolean.parseBoolean(value));
    }
    return NODES.stringNode(value);
  }

  public static Optional<FirewallRef> firewallRef(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isString()) {
      return Optional.of(new FirewallRef.Named(node.asString()));
    }
    return Optional.of(new FirewallRef.Inline(firewall(node)));
  }

  public static JsonNode firewallRef(FirewallRef ref) {
    return ref instanceof FirewallRef.Named named
        ? NODES.stringNode(named.policy())
        : firewall(((FirewallRef.Inline) ref).firewall());
  }

  public static Firewall firewall(JsonNode node) {
    return new Firewall(
        node.has("restrict_to_routes") && node.get("restrict_to_routes").asBoolean(),
        strings(node.get("allow_ports")),
        strings(node.get("deny_ports")));
  }

  public static ObjectNode firewall(Firewall firewall) {
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

  /** {@code password = { env = ... }} or {@code { file = ... }}; empty for another secret. */
  public static Optional<Secret> passwordRef(JsonNode ref) {
    if (ref.has("env")) {
      return Optional.of(new Secret.FromEnv(ref.get("env").asString()));
    }
    if (ref.has("file")) {
      return Optional.of(new Secret.FromFile(ref.get("file").asString()));
    }
    return Optional.empty();
  }

  public static Optional<JsonNode> passwordRef(Secret secret) {
    if (secret instanceof Secret.FromEnv env) {
      return Optional.of(NODES.objectNode().put("env", env.variable()));
    }
    if (secret instanceof Secret.FromFile file) {
      return Optional.of(NODES.objectNode().put("file", file.path()));
    }
    return Optional.empty();
  }
}
