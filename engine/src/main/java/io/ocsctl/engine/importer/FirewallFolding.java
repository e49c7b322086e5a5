package io.ocsctl.engine.importer;

import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.FirewallPolicy;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.validate.Names;
import io.ocsctl.schema.validate.PortSyntax;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the {@code restrict-user-to-routes} / {@code restrict-user-to-ports} settings of imported
 * groups and users into the firewall model: settings shared by two or more scopes become one named
 * {@code firewall_policy} (named after its content, e.g. {@code routes-only-tcp443}) that each of
 * them references; a scope alone with its settings gets an inline {@code firewall} block. Only
 * settings that a {@link Firewall} renders back byte for byte are folded (routes exactly {@code
 * true}; one ports line written as {@code tcp(443), udp(53)} or {@code !(tcp(22))} with that exact
 * spacing); any other spelling stays in the settings as it was, so the round trip holds.
 */
final class FirewallFolding {
  static final String ROUTES = "restrict-user-to-routes";
  static final String PORTS = "restrict-user-to-ports";

  /** Longer content-derived names are replaced by {@code firewall-<hash>}. */
  private static final int MAX_NAME = 48;

  private FirewallFolding() {}

  static DesiredState fold(DesiredState state) {
    Map<Firewall, Integer> uses = new LinkedHashMap<>();
    state
        .groups()
        .values()
        .forEach(g -> firewall(g.settings()).ifPresent(f -> uses.merge(f, 1, Integer::sum)));
    state
        .users()
        .values()
        .forEach(u -> firewall(u.settings()).ifPresent(f -> uses.merge(f, 1, Integer::sum)));
    if (uses.isEmpty()) {
      return state;
    }
    Map<Firewall, String> names = new LinkedHashMap<>();
    Map<String, FirewallPolicy> policies = new LinkedHashMap<>(state.policies());
    Set<String> taken = new HashSet<>(policies.keySet());
    uses.forEach(
        (firewall, count) -> {
          if (count >= 2) {
            String name = unique(name(firewall), taken);
            names.put(firewall, name);
            policies.put(name, new FirewallPolicy(name, firewall));
          }
        });
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Group g : state.groups().values()) {
      Optional<Firewall> f = firewall(g.settings());
      groups.put(
          g.name(),
          f.isEmpty()
              ? g
              : new Group(g.name(), without(g.settings()), Optional.of(ref(f.get(), names))));
    }
    Map<String, User> users = new LinkedHashMap<>();
    for (User u : state.users().values()) {
      Optional<Firewall> f = firewall(u.settings());
      users.put(
          u.name(),
          f.isEmpty()
              ? u
              : u.toBuilder()
                  .settings(without(u.settings()))
                  .firewall(Optional.of(ref(f.get(), names)))
                  .build());
    }
    return new DesiredState(state.server(), state.vhosts(), policies, groups, users);
  }

  private static FirewallRef ref(Firewall firewall, Map<Firewall, String> names) {
    String name = names.get(firewall);
    return name == null ? new FirewallRef.Inline(firewall) : new FirewallRef.Named(name);
  }

  /**
   * The firewall these settings express, when a {@link Firewall} renders exactly the same {@code
   * restrict-user-to-*} values; empty when they hold none or one that it cannot.
   */
  static Optional<Firewall> firewall(Settings settings) {
    List<String> routes = settings.get(ROUTES);
    List<String> ports = settings.get(PORTS);
    if (routes.isEmpty() && ports.isEmpty()) {
      return Optional.empty();
    }
    if (!routes.isEmpty() && !routes.equals(List.of("true")) || ports.size() > 1) {
      return Optional.empty();
    }
    List<String> allow = List.of();
    List<String> deny = List.of();
    if (!ports.isEmpty()) {
      String value = ports.get(0);
      boolean negated = value.startsWith("!(") && value.endsWith(")");
      Optional<List<String>> list = ports(negated ? value.substring(2, value.length() - 1) : value);
      if (list.isEmpty()) {
        return Optional.empty();
      }
      allow = negated ? List.of() : list.get();
      deny = negated ? list.get() : List.of();
    }
    Firewall firewall = new Firewall(!routes.isEmpty(), allow, deny);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    if (!routes.isEmpty()) {
      expected.put(ROUTES, routes);
    }
    if (!ports.isEmpty()) {
      expected.put(PORTS, ports);
    }
    return firewall.toSettings().values().equals(expected)
        ? Optional.of(firewall)
        : Optional.empty();
  }

  /**
   * The elements of {@code tcp(443), udp(53)}: each valid and written without spaces, joined by ",
   * ".
   */
  private static Optional<List<String>> ports(String list) {
    List<String> out = new ArrayList<>();
    for (String element : list.split(", ", -1)) {
      if (element.isEmpty()
          || !element.matches("[a-z0-9()-]+")
          || PortSyntax.problem(element).isPresent()) {
        return Optional.empty();
      }
      out.add(element);
    }
    return String.join(", ", out).equals(list) ? Optional.of(out) : Optional.empty();
  }

  private static Settings without(Settings settings) {
    Map<String, List<String>> rest = new LinkedHashMap<>(settings.values());
    rest.remove(ROUTES);
    rest.remove(PORTS);
    return new Settings(rest);
  }

  /**
   * A name read from the policy: {@code routes-only}, {@code only-tcp443-udp53}, {@code
   * routes-only-tcp443}, {@code no-tcp22-icmp}, {@code routes-no-tcp22}; distinct policies get
   * distinct names. A name longer than {@value #MAX_NAME} characters becomes {@code firewall-} and
   * the first 8 hex digits of the SHA-256 of the rendered options.
   */
  static String name(Firewall firewall) {
    List<String> parts = new ArrayList<>();
    if (firewall.restrictToRoutes()) {
      parts.add("routes");
    }
    if (!firewall.allowPorts().isEmpty()) {
      parts.add("only");
      firewall.allowPorts().forEach(p -> parts.add(token(p)));
    } else if (!firewall.denyPorts().isEmpty()) {
      parts.add("no");
      firewall.denyPorts().forEach(p -> parts.add(token(p)));
    } else {
      parts.add("only");
    }
    String name = String.join("-", parts);
    if (name.length() <= MAX_NAME && Names.problem(name).isEmpty()) {
      return name;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(firewall.toSettings().values().toString().getBytes(StandardCharsets.UTF_8));
      return "firewall-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * {@code tcp(443)} -> {@code tcp443}, {@code udp(1000-2000)} -> {@code udp1000-2000}, {@code
   * icmp()} -> {@code icmp}.
   */
  private static String token(String port) {
    return port.replace("(", "").replace(")", "");
  }

  /**
   * {@code name}, or {@code name-2}, {@code name-3} ... when it is taken; the result is taken too.
   */
  private static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int i = 2; !taken.add(candidate); i++) {
      candidate = name + "-" + i;
    }
    return candidate;
  }
}
