package io.ocsctl.schema.validate;

import static io.ocsctl.schema.validate.Report.path;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.Places;
import io.ocsctl.schema.Suggestions;
import io.ocsctl.schema.load.Origins;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks of the loaded model that a JSON Schema cannot express: names, options against the
 * catalogue, references, passwords, and (in their own classes) authentication, overlapping networks
 * and firewalls that leave nothing reachable. Reports every problem found.
 */
public final class SemanticValidator {
  private final DesiredState state;
  private final Report report;

  private SemanticValidator(DesiredState state, Origins origins) {
    this.state = state;
    this.report = new Report(origins);
  }

  /** Errors (the state is refused) and warnings (shown; ocserv accepts what they concern). */
  public record Result(List<Diagnostic> errors, List<Diagnostic> warnings) {}

  public static List<Diagnostic> validate(DesiredState state, Origins origins) {
    return check(state, origins).errors();
  }

  public static Result check(DesiredState state, Origins origins) {
    SemanticValidator v = new SemanticValidator(state, origins);
    v.run();
    AuthCheck.run(state, v.report);
    NetworkOverlap.run(state, v.report);
    RouteReach.run(state, v.report);
    CanaryCheck.run(state, v.report);
    return new Result(List.copyOf(v.report.errors()), List.copyOf(v.report.warnings()));
  }

  private void run() {
    if (state.server().settings().isEmpty()
        && state.users().isEmpty()
        && state.groups().isEmpty()
        && !report.anyRejected()) {
      report.error(
          List.of(),
          "the desired state declares no server settings, groups or users",
          "an empty authoritative state would delete everything; declare the server block");
    }
    settings(List.of("server", "settings"), state.server().settings(), OptionScope.MAIN);
    firewallRef(List.of("server", "firewall"), state.server().firewall());
    banAllowlist(state.server().banAllowlist());
    state
        .vhosts()
        .forEach(
            (name, vhost) -> {
              Names.vhostProblem(name)
                  .ifPresent(
                      p ->
                          report.error(
                              List.of("vhost", name),
                              "vhost " + Diagnostic.quote(name) + ": " + p,
                              "rename the vhost to the host name clients connect to"));
              settings(List.of("vhost", name, "settings"), vhost.settings(), OptionScope.VHOST);
            });
    state
        .policies()
        .forEach(
            (name, policy) -> {
              name(List.of("firewall_policy", name), "firewall_policy");
              firewall(List.of("firewall_policy", name), policy.firewall());
            });
    state
        .groups()
        .forEach(
            (name, group) -> {
              name(List.of("group", name), "group");
              settings(List.of("group", name, "settings"), group.settings(), OptionScope.GROUP);
              firewallRef(List.of("group", name, "firewall"), group.firewall());
            });
    state.users().forEach(this::user);
  }

  private void name(List<String> path, String kind) {
    String name = path.get(1);
    Names.problem(name)
        .ifPresent(
            p ->
                report.error(
                    path,
                    kind + " " + Diagnostic.quote(name) + ": " + p,
                    "rename the "
                        + kind.replace("firewall_policy", "policy")
                        + ": letters, digits and _ . @ + - (not first: . @ + -), at most "
                        + Names.MAX_LENGTH
                        + " characters"));
  }

  private void user(String name, User user) {
    List<String> at = List.of("user", name);
    boolean needsFile = !user.settings().isEmpty() || user.firewall().isPresent();
    if (needsFile || name.indexOf('/') < 0 || Names.problem(name.replace('/', '_')).isPresent()) {
      name(at, "user");
    } // else a '/' is fine in ocpasswd (ocserv's own tests use "sp@c/al"): no file is named after
    // the user
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < user.groups().size(); i++) {
      String group = user.groups().get(i);
      List<String> element = path(at, "groups", Integer.toString(i));
      if (group.length() == 1 && user.password().isPresent()) {
        report.error(
            element,
            "user "
                + Diagnostic.quote(name)
                + " is in group "
                + Diagnostic.quote(group)
                + ", but ocserv skips a group name of one character in the ocpasswd file",
            "give the group a longer name");
      } else if (!seen.add(group)) {
        report.error(
            element,
            "user " + Diagnostic.quote(name) + " lists group " + Diagnostic.quote(group) + " twice",
            "delete the repeated group name");
      } else if (!state.groups().containsKey(group)) {
        report.error(
            element,
            "user "
                + Diagnostic.quote(name)
                + " is in group "
                + Diagnostic.quote(group)
                + ", which is not declared",
            Suggestions.didYouMean(group, state.groups().keySet())
                .map(s -> "did you mean " + Diagnostic.quote(s) + "?")
                .orElse(
                    "declare group "
                        + Diagnostic.quote(group)
                        + ", or remove it from the user's groups"));
      }
    }
    if (user.password().orElse(null) instanceof Secret.Hash hash && hash.crypt().isEmpty()) {
      report.warning(
          path(at, "password_hash"),
          "user "
              + Diagnostic.quote(name)
              + " has an empty password_hash:"
              + " ocserv asks for no password (only the one-time password when plain auth names an otp file)",
          "give the user a hash made by 'ocsctl passwd', unless an OTP-only login is intended");
    } else if (user.password().orElse(null) instanceof Secret.Hash hash
        && !Crypt.isCrypt(hash.crypt())) {
      report.error(
          path(at, "password_hash"),
          "password_hash of user "
              + Diagnostic.quote(name)
              + " is not a crypt(3) hash"
              + (hash.crypt().startsWith("$") ? "" : " (a clear-text password?)"),
          "write a hash such as \"$6$salt$...\" made by 'ocsctl passwd'; never a clear-text password");
    }
    settings(path(at, "settings"), user.settings(), OptionScope.USER);
    firewallRef(path(at, "firewall"), user.firewall());
  }

  private void settings(List<String> path, Settings settings, OptionScope scope) {
    String where = Places.where(path);
    for (Map.Entry<String, List<String>> e : settings.values().entrySet()) {
      List<String> at = path(path, e.getKey());
      for (Problem problem : OptionCheck.check(e.getKey(), e.getValue(), scope, where)) {
        List<String> place =
            problem.element() < 0 ? at : path(at, Integer.toString(problem.element()));
        if (problem.warning()) {
          report.warning(place, problem.message(), problem.hint());
        } else {
          report.error(place, problem.message(), problem.hint());
        }
      }
    }
  }

  private void firewallRef(List<String> path, Optional<FirewallRef> ref) {
    if (ref.isEmpty()) {
      return;
    }
    if (ref.get() instanceof FirewallRef.Named named) {
      if (!state.policies().containsKey(named.policy())) {
        report.error(
            path,
            "firewall policy " + Diagnostic.quote(named.policy()) + " is not declared",
            Suggestions.didYouMean(named.policy(), state.policies().keySet())
                .map(s -> "did you mean " + Diagnostic.quote(s) + "?")
                .orElse(
                    "declare firewall_policy "
                        + Diagnostic.quote(named.policy())
                        + (state.policies().isEmpty()
                            ? ""
                            : " or use one of: " + String.join(", ", state.policies().keySet()))));
      }
    } else {
      firewall(path, ((FirewallRef.Inline) ref.get()).firewall());
    }
  }

  private void firewall(List<String> path, Firewall firewall) {
    if (!firewall.allowPorts().isEmpty() && !firewall.denyPorts().isEmpty()) {
      report.error(
          path(path, "deny_ports"),
          "allow_ports and deny_ports are both set " + Places.where(path),
          "ocserv enforces one list: keep allow_ports (only these) or deny_ports (all but these)");
    }
    ports(path(path, "allow_ports"), firewall.allowPorts());
    ports(path(path, "deny_ports"), firewall.denyPorts());
  }

  private void banAllowlist(List<String> entries) {
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i);
      Optional<String> problem = IpNetwork.problem(entry);
      if (problem.isPresent()) {
        report.error(
            List.of("server", "ban_allowlist", Integer.toString(i)),
            "invalid entry "
                + Diagnostic.quote(entry)
                + " in ban_allowlist in the server block: "
                + problem.get(),
            "write an address such as 192.0.2.10 or 2001:db8::10, or a network such as 10.1.0.0/16 or 2001:db8::/48");
      }
    }
  }

  private void ports(List<String> path, List<String> ports) {
    for (int i = 0; i < ports.size(); i++) {
      String port = ports.get(i);
      Optional<String> problem = PortSyntax.problem(port);
      if (problem.isPresent()) {
        report.error(
            path(path, Integer.toString(i)),
            "invalid port "
                + Diagnostic.quote(port)
                + " in "
                + path.get(path.size() - 1)
                + " "
                + Places.where(path.subList(0, path.size() - 1))
                + ": "
                + problem.get(),
            "write tcp(443), udp(53), sctp(N), a range such as tcp(8000-8080), icmp() or icmpv6()");
      }
    }
  }
}
