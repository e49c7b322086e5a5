package io.ocsctl.schema.fleet;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.SourcePosition;
import io.ocsctl.schema.fleet.Withdrawals.Kind;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.load.Origins;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Server;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.Vhost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merge rules of a fleet host (docs/fleet.md), on the loaded models:
 *
 * <ol>
 *   <li>the shared files are one desired state (a name in two of them is an error naming both);
 *   <li>{@code withdraw} removes shared users, groups, firewall policies, vhosts and server options
 *       by name; a name the shared files do not declare is an error;
 *   <li>the overlay's server options replace the shared option of the same key (the whole value
 *       list), its {@code firewall}, {@code on_user_removal} and {@code ban_allowlist} replace the
 *       shared ones when set; a vhost of a shared name has its options replaced key by key, a new
 *       vhost is added;
 *   <li>the overlay's users, groups and firewall policies are added; one of a shared name that is
 *       not withdrawn is a conflict named at both places.
 * </ol>
 */
final class FleetMerge {
  private FleetMerge() {}

  record Merged(DesiredState state, Origins origins, List<Diagnostic> errors) {}

  static Merged merge(
      Fleet fleet, FleetHost host, DesiredStateLoader.Read base, DesiredStateLoader.Read top) {
    List<Diagnostic> errors = new ArrayList<>();
    DesiredState shared = base == null ? null : base.loaded().state();
    Origins sharedOrigins = base == null ? null : base.loaded().origins();
    DesiredState overlay = top == null ? null : top.loaded().state();
    Origins overlayOrigins = top == null ? null : top.loaded().origins();
    Origins origins =
        Origins.layered(
            host.overlay().orElse(fleet.file()).toString(), sharedOrigins, overlayOrigins);

    Map<String, Vhost> vhosts = new LinkedHashMap<>();
    Map<String, io.ocsctl.schema.model.FirewallPolicy> policies = new LinkedHashMap<>();
    Map<String, io.ocsctl.schema.model.Group> groups = new LinkedHashMap<>();
    Map<String, io.ocsctl.schema.model.User> users = new LinkedHashMap<>();
    Server server = Server.EMPTY;
    if (shared != null) {
      vhosts.putAll(shared.vhosts());
      policies.putAll(shared.policies());
      groups.putAll(shared.groups());
      users.putAll(shared.users());
      server = shared.server();
    }
    withdraw(fleet, host, Kind.USERS, users, errors);
    withdraw(fleet, host, Kind.GROUPS, groups, errors);
    withdraw(fleet, host, Kind.FIREWALL_POLICIES, policies, errors);
    withdraw(fleet, host, Kind.VHOSTS, vhosts, errors);
    Map<String, List<String>> options = new LinkedHashMap<>(server.settings().values());
    withdraw(fleet, host, Kind.SETTINGS, options, errors);
    server =
        new Server(
            new Settings(options),
            server.firewall(),
            server.onUserRemoval(),
            server.banAllowlist());

    if (overlay != null) {
      Server o = overlay.server();
      server =
          new Server(
              server.settings().with(o.settings()),
              o.firewall().isPresent() ? o.firewall() : server.firewall(),
              o.onUserRemoval().isPresent() ? o.onUserRemoval() : server.onUserRemoval(),
              o.banAllowlist().isEmpty() ? server.banAllowlist() : o.banAllowlist());
      overlay
          .vhosts()
          .forEach(
              (name, v) -> {
                Vhost under = vhosts.get(name);
                vhosts.put(
                    name, under == null ? v : new Vhost(name, under.settings().with(v.settings())));
              });
      add(
          "firewall_policy",
          overlay.policies(),
          policies,
          sharedOrigins,
          overlayOrigins,
          fleet,
          host,
          errors);
      add("group", overlay.groups(), groups, sharedOrigins, overlayOrigins, fleet, host, errors);
      add("user", overlay.users(), users, sharedOrigins, overlayOrigins, fleet, host, errors);
    }
    // the overlay's canary block replaces the shared one (it names this host's test account)
    java.util.Optional<io.ocsctl.schema.model.Canary> canary =
        overlay != null && overlay.canary().isPresent()
            ? overlay.canary()
            : shared == null ? java.util.Optional.empty() : shared.canary();
    DesiredState state = new DesiredState(server, vhosts, policies, groups, users, canary);
    return new Merged(state, origins, errors);
  }

  private static <V> void withdraw(
      Fleet fleet, FleetHost host, Kind kind, Map<String, V> from, List<Diagnostic> errors) {
    List<String> names = host.withdraw().of(kind);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (from.remove(name) == null) {
        SourcePosition at =
            fleet
                .source()
                .position(
                    List.of(
                        "host", host.name(), "withdraw", kind.attribute(), Integer.toString(i)));
        errors.add(
            Diagnostic.at(
                at,
                "host "
                    + Diagnostic.quote(host.name())
                    + " withdraws "
                    + kind.block()
                    + " "
                    + Diagnostic.quote(name)
                    + ", which its shared files do not declare",
                "remove it from withdraw, or check its spelling"));
      }
    }
  }

  private static <V> void add(
      String kind,
      Map<String, V> added,
      Map<String, V> into,
      Origins sharedOrigins,
      Origins overlayOrigins,
      Fleet fleet,
      FleetHost host,
      List<Diagnostic> errors) {
    added.forEach(
        (name, value) -> {
          if (into.containsKey(name)) {
            SourcePosition there = sharedOrigins.position(List.of(kind, name));
            errors.add(
                Diagnostic.at(
                    overlayOrigins.position(List.of(kind, name)),
                    kind
                        + " "
                        + Diagnostic.quote(name)
                        + " is declared by this overlay and by the shared files at "
                        + FleetLoader.place(there),
                    "an overlay adds "
                        + kind
                        + "s; to replace the shared one on this host, withdraw it in "
                        + fleet.file().getFileName()
                        + " (host "
                        + Diagnostic.quote(host.name())
                        + " { withdraw { "
                        + attribute(kind)
                        + " = ["
                        + Diagnostic.quote(name)
                        + "] } }), or remove one of the two"));
          } else {
            into.put(name, value);
          }
        });
  }

  private static String attribute(String kind) {
    return switch (kind) {
      case "user" -> "users";
      case "group" -> "groups";
      default -> "firewall_policies";
    };
  }
}
