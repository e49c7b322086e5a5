package io.ocsctl.schema.validate;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.SourcePosition;
import io.ocsctl.schema.Suggestions;
import io.ocsctl.schema.load.Origins;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks of the loaded model that a JSON Schema cannot express. Reports every problem found. */
public final class SemanticValidator {
  private final DesiredState state;
  private final Origins origins;
  private final List<Diagnostic> errors = new ArrayList<>();

  private SemanticValidator(DesiredState state, Origins origins) {
    this.state = state;
    this.origins = origins;
  }

  public static List<Diagnostic> validate(DesiredState state, Origins origins) {
    SemanticValidator v = new SemanticValidator(state, origins);
    v.run();
    return v.errors;
  }

  private void run() {
    if (state.server().settings().isEmpty() && state.users().isEmpty() && state.groups().isEmpty()) {
      error(List.of(), "the desired state declares no server settings, groups or users",
          "an empty authoritative state would delete everything; declare the server block");
    }
    settings(List.of("server", "settings"), state.server().settings(), OptionScope.MAIN);
    firewallRef(List.of("server", "firewall"), state.server().firewall());
    state.vhosts().forEach((name, vhost) -> {
      Names.vhostProblem(name).ifPresent(p -> error(List.of("vhost", name), "vhost \"" + name + "\": " + p,
          "rename the vhost to the host name clients connect to"));
      settings(List.of("vhost", name, "settings"), vhost.settings(), OptionScope.VHOST);
    });
    state.policies().forEach((name, policy) -> {
      Names.problem(name).ifPresent(p -> error(List.of("firewall_policy", name),
          "firewall_policy \"" + name + "\": " + p, "rename the policy"));
      firewall(List.of("firewall_policy", name), policy.firewall());
    });
    state.groups().forEach((name, group) -> {
      Names.problem(name).ifPresent(p -> error(List.of("group", name), "group \"" + name + "\": " + p,
          "rename the group"));
      settings(List.of("group", name, "settings"), group.settings(), OptionScope.GROUP);
      firewallRef(List.of("group", name, "firewall"), group.firewall());
    });
    state.users().forEach((name, user) -> user(name, user));
  }

  private void user(String name, User user) {
    Names.problem(name).ifPresent(p -> error(List.of("user", name), "user \"" + name + "\": " + p,
        "rename the user"));
    for (int i = 0; i < user.groups().size(); i++) {
      String group = user.groups().get(i);
      if (!state.groups().containsKey(group)) {
        error(List.of("user", name, "groups", Integer.toString(i)),
            "user \"" + name + "\" is in group \"" + group + "\", which is not declared",
            Suggestions.didYouMean(group, state.groups().keySet()).map(s -> "did you mean \"" + s + "\"?")
                .orElse("declare group \"" + group + "\" { } or remove it from the user's groups"));
      }
    }
    if (user.password().isEmpty()) {
      error(List.of("user", name), "user \"" + name + "\" has no password",
          "add password_hash = \"$6$...\" (see 'ocsctl passwd') or password = { env = \"VAR\" }");
    } else if (user.password().get() instanceof Secret.Hash hash && !Crypt.isCrypt(hash.crypt())) {
      error(List.of("user", name, "password_hash"),
          "password_hash of user \"" + name + "\" is not a crypt(3) hash",
          "write a hash such as \"$6$salt$...\" made by 'ocsctl passwd'; never a clear-text password");
    }
    settings(List.of("user", name, "settings"), user.settings(), OptionScope.USER);
    firewallRef(List.of("user", name, "firewall"), user.firewall());
  }

  private void settings(List<String> path, Settings settings, OptionScope scope) {
    for (Map.Entry<String, List<String>> e : settings.values().entrySet()) {
      List<String> at = append(path, e.getKey());
      for (Problem problem : OptionCheck.check(e.getKey(), e.getValue(), scope)) {
        error(at, problem.message() + " in " + scope.description, problem.hint());
      }
    }
  }

  private void firewallRef(List<String> path, Optional<FirewallRef> ref) {
    if (ref.isEmpty()) {
      return;
    }
    if (ref.get() instanceof FirewallRef.Named named) {
      if (!state.policies().containsKey(named.policy())) {
        error(path, "firewall policy \"" + named.policy() + "\" is not declared",
            Suggestions.didYouMean(named.policy(), state.policies().keySet())
                .map(s -> "did you mean \"" + s + "\"?")
                .orElse("declare firewall_policy \"" + named.policy() + "\" { ... }"));
      }
    } else {
      firewall(path, ((FirewallRef.Inline) ref.get()).firewall());
    }
  }

  private void firewall(List<String> path, Firewall firewall) {
    if (!firewall.allowPorts().isEmpty() && !firewall.denyPorts().isEmpty()) {
      error(path, "allow_ports and deny_ports are both set", "ocserv enforces one list: keep allow_ports or deny_ports");
    }
    checkPorts(append(path, "allow_ports"), firewall.allowPorts());
    checkPorts(append(path, "deny_ports"), firewall.denyPorts());
  }

  private void checkPorts(List<String> path, List<String> ports) {
    for (int i = 0; i < ports.size(); i++) {
      String port = ports.get(i);
      Optional<String> problem = PortSyntax.problem(port);
      if (problem.isPresent()) {
        error(append(path, Integer.toString(i)), "invalid port \"" + port + "\": " + problem.get(),
            "write tcp(443), udp(53), sctp(N), icmp() or icmpv6()");
      }
    }
  }

  private void error(List<String> path, String message, String hint) {
    SourcePosition pos = origins.position(path);
    errors.add(Diagnostic.at(pos, message, hint));
  }

  private static List<String> append(List<String> path, String more) {
    List<String> out = new ArrayList<>(path);
    out.add(more);
    return out;
  }
}
