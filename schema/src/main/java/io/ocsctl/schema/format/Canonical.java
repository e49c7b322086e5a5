package io.ocsctl.schema.format;

import io.ocsctl.schema.Places;
import io.ocsctl.schema.model.GroupAttribute;
import io.ocsctl.schema.model.UserAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The canonical order of a desired-state file: blocks by kind (version, server, vhost,
 * firewall_policy, group, user, canary), each kind in declaration order, and the attributes of each
 * block in a fixed order. Options keep their declaration order: reviewers read diffs, not sorted
 * lists.
 */
final class Canonical {
  static final List<String> TOP =
      List.of("version", "server", "vhost", "firewall_policy", "group", "user", "canary");
  private static final List<String> FIREWALL =
      List.of("restrict_to_routes", "allow_ports", "deny_ports");
  private static final Map<String, List<String>> BLOCKS =
      Map.of(
          "server", List.of("settings", "firewall", "on_user_removal", "ban_allowlist"),
          "vhost", List.of("settings"),
          "firewall_policy", FIREWALL,
          "group", GroupAttribute.keys(),
          "user", UserAttribute.keys(),
          "canary",
              List.of(
                  "user",
                  "password",
                  "connect",
                  "server_cert",
                  "expect_routes",
                  "expect_dns",
                  "timeout"));

  /** Lists and one-line maps per line: above this length they are written one element per line. */
  static final int MAX_LINE = 100;

  private Canonical() {}

  /** The keys of {@code node} (the node at {@code path}) in canonical order. */
  static List<String> keys(List<String> path, JsonNode node) {
    // a set: a block of 100,000 user labels made List.contains quadratic
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    order(path).stream().filter(node::has).forEach(out::add);
    node.propertyNames().forEach(out::add);
    return new ArrayList<>(out);
  }

  private static List<String> order(List<String> path) {
    if (path.isEmpty()) {
      return TOP;
    }
    if (path.size() == 1 && Places.LABELLED_BLOCKS.contains(path.get(0))) {
      return List.of(); // the names of users, groups...: declaration order
    }
    String last = path.get(path.size() - 1);
    if (last.equals("firewall")) {
      return FIREWALL;
    }
    if (last.equals("password")) {
      return List.of("env", "file");
    }
    if (last.equals("settings")) {
      return List.of();
    }
    return BLOCKS.getOrDefault(path.get(0), List.of());
  }

  static List<String> append(List<String> path, String segment) {
    List<String> out = new ArrayList<>(path);
    out.add(segment);
    return out;
  }
}
