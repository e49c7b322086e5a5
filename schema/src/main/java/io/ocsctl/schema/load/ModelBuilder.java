package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.model.Canary;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.FirewallPolicy;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.GroupAttribute;
import io.ocsctl.schema.model.RemovalPolicy;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Server;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.TreeValues;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.model.UserAttribute;
import io.ocsctl.schema.model.Vhost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Builds the immutable model from schema-valid trees, merging several files into one state; a block
 * declared in two files is an error naming both.
 */
final class ModelBuilder {
  private Server server;
  private Canary canary;
  private final Map<String, Vhost> vhosts = new LinkedHashMap<>();
  private final Map<String, FirewallPolicy> policies = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Origins origins;
  private final List<Diagnostic> errors = new ArrayList<>();

  ModelBuilder(Origins origins) {
    this.origins = origins;
  }

  /** Adds the blocks of {@code tree}, the schema-valid part of {@code file}'s tree. */
  void add(SourceFile file, JsonNode tree) {
    if (tree.has("server")) {
      if (claim(file, "server", "")) {
        JsonNode s = tree.get("server");
        server =
            new Server(
                settings(s.get("settings")),
                firewallRef(s.get("firewall")),
                s.has("on_user_removal")
                    ? RemovalPolicy.parse(s.get("on_user_removal").asString())
                    : Optional.empty(),
                strings(s.get("ban_allowlist")));
      }
    }
    if (tree.has("canary") && claim(file, "canary", "")) {
      canary = canary(tree.get("canary"));
    }
    each(
        tree,
        "vhost",
        (name, node) -> {
          if (claim(file, "vhost", name)) {
            vhosts.put(name, new Vhost(name, settings(node.get("settings"))));
          }
        });
    each(
        tree,
        "firewall_policy",
        (name, node) -> {
          if (claim(file, "firewall_policy", name)) {
            policies.put(name, new FirewallPolicy(name, firewall(node)));
          }
        });
    each(
        tree,
        "group",
        (name, node) -> {
          if (claim(file, "group", name)) {
            try {
              groups.put(name, GroupAttribute.read(name, node));
            } catch (UserAttribute.InvalidValue e) {
              invalid(file, List.of("group", name, e.key()), e.getMessage());
            }
          }
        });
    each(
        tree,
        "user",
        (name, node) -> {
          if (claim(file, "user", name)) {
            try {
              users.put(name, UserAttribute.read(name, node));
            } catch (UserAttribute.InvalidValue e) {
              invalid(file, List.of("user", name, e.key()), e.getMessage());
            }
          }
        });
  }

  /** A message "WHAT is wrong; write it so" is reported as the error and its fix. */
  private void invalid(SourceFile file, List<String> path, String message) {
    int fix = message.indexOf("; ");
    errors.add(
        Diagnostic.at(
            file.position(path),
            fix < 0 ? message : message.substring(0, fix),
            fix < 0 ? "see docs/lifecycle.md" : message.substring(fix + 2)));
  }

  List<Diagnostic> errors() {
    return errors;
  }

  DesiredState build() {
    return new DesiredState(
        server == null ? Server.EMPTY : server,
        vhosts,
        policies,
        groups,
        users,
        Optional.ofNullable(canary));
  }

  private boolean claim(SourceFile file, String kind, String name) {
    SourceFile earlier = origins.file(kind, name);
    if (earlier != null && earlier != file) {
      String what = name.isEmpty() ? "the " + kind + " block" : kind + " " + Diagnostic.quote(name);
      List<String> path = name.isEmpty() ? List.of(kind) : List.of(kind, name);
      var there = earlier.position(path);
      errors.add(
          Diagnostic.at(
              file.position(path),
              what
                  + " is declared twice: here and in "
                  + there.file()
                  + (there.line() > 0 ? ":" + there.line() : ""),
              "keep one declaration: a name belongs to one file of the directory"));
      return false;
    }
    origins.record(kind, name, file);
    return true;
  }

  private static void each(
      JsonNode tree, String kind, java.util.function.BiConsumer<String, JsonNode> action) {
    JsonNode blocks = tree.get(kind);
    if (blocks != null && blocks.isObject()) {
      blocks.properties().forEach(e -> action.accept(e.getKey(), e.getValue()));
    }
  }

  /** The canary block (the schema requires user, password and server_cert). */
  private static Canary canary(JsonNode node) {
    Secret password = TreeValues.passwordRef(node.get("password")).orElse(new Secret.FromEnv(""));
    return new Canary(
        node.path("user").asString(""),
        password,
        node.has("connect") ? Optional.of(node.get("connect").asString()) : Optional.empty(),
        node.path("server_cert").asString(""),
        strings(node.get("expect_routes")),
        strings(node.get("expect_dns")),
        node.has("timeout")
            // zero for text that is no duration: CanaryCheck reports it
            ? Canary.parseDuration(node.get("timeout").asString()).orElse(Duration.ZERO)
            : Canary.DEFAULT_TIMEOUT);
  }

  static Settings settings(JsonNode node) {
    return TreeValues.settings(node);
  }

  private static Optional<FirewallRef> firewallRef(JsonNode node) {
    return TreeValues.firewallRef(node);
  }

  private static Firewall firewall(JsonNode node) {
    return TreeValues.firewall(node);
  }

  private static List<String> strings(JsonNode node) {
    return TreeValues.strings(node);
  }
}
