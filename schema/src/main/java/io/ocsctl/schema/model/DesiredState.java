package io.ocsctl.schema.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole reviewed desired state, loaded from one or more files. Maps keep declaration order.
 * {@code canary} is the login {@code apply -verify} and {@code doctor -login} check (never read
 * from a live server: import leaves it out).
 */
public record DesiredState(
    Server server,
    Map<String, Vhost> vhosts,
    Map<String, FirewallPolicy> policies,
    Map<String, Group> groups,
    Map<String, User> users,
    Optional<Canary> canary) {
  public DesiredState {
    vhosts = Collections.unmodifiableMap(new LinkedHashMap<>(vhosts));
    policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
    groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    canary = canary == null ? Optional.empty() : canary;
  }

  /** A state without a canary (what import reads from a live server). */
  public DesiredState(
      Server server,
      Map<String, Vhost> vhosts,
      Map<String, FirewallPolicy> policies,
      Map<String, Group> groups,
      Map<String, User> users) {
    this(server, vhosts, policies, groups, users, Optional.empty());
  }

  /** The firewall a reference resolves to, empty when it names no declared policy. */
  public Optional<Firewall> resolve(Optional<FirewallRef> ref) {
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    if (ref.get() instanceof FirewallRef.Inline inline) {
      return Optional.of(inline.firewall());
    }
    String policy = ((FirewallRef.Named) ref.get()).policy();
    return Optional.ofNullable(policies.get(policy)).map(FirewallPolicy::firewall);
  }
}
