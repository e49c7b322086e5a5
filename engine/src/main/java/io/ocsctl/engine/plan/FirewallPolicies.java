package io.ocsctl.engine.plan;

import io.ocsctl.providers.occtl.LiveSessions;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.FirewallRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adds a {@code firewall_policy["NAME"]} resource to the plan for every named policy whose rendered
 * options change somewhere: a reviewer sees the policy change once, with the groups and users it
 * reaches and the files it touches, instead of only scattered per-group diffs. ocserv-fw installs a
 * user's rules when it connects, so {@link #affectedSessions} also says which live sessions still
 * run under the rules a plan changes.
 */
public final class FirewallPolicies {
  private static final Set<String> OPTIONS =
      Set.of("restrict-user-to-routes", "restrict-user-to-ports");

  private FirewallPolicies() {}

  static List<ResourceChange> changes(DesiredState desired, List<ResourceChange> resources) {
    Map<String, ResourceChange> byAddress = new java.util.HashMap<>();
    resources.forEach(r -> byAddress.put(r.address().toString(), r));
    List<ResourceChange> out = new ArrayList<>();
    for (String policy : desired.policies().keySet()) {
      List<String> members = members(desired, policy);
      Set<String> files = new LinkedHashSet<>();
      List<AttributeChange> attrs = new ArrayList<>();
      boolean existedBefore = false;
      for (String member : members) {
        ResourceChange change = byAddress.get(member);
        if (change == null) {
          continue;
        }
        for (AttributeChange a : change.attributes()) {
          if (OPTIONS.contains(a.name())) {
            files.addAll(change.files());
            existedBefore |= !a.before().isEmpty();
            if (attrs.stream().noneMatch(x -> x.name().equals(a.name()))) {
              attrs.add(a);
            }
          }
        }
      }
      if (!files.isEmpty()) {
        attrs.add(new AttributeChange("reaches", members, members, false, true));
        out.add(
            new ResourceChange(
                Address.policy(policy),
                existedBefore ? Action.UPDATE : Action.CREATE,
                attrs,
                List.copyOf(files)));
      }
    }
    return out;
  }

  /** Addresses of the server, groups and users that use {@code policy}. */
  static List<String> members(DesiredState desired, String policy) {
    List<String> out = new ArrayList<>();
    if (uses(desired.server().firewall(), policy)) {
      out.add(Address.SERVER.toString());
    }
    desired
        .groups()
        .values()
        .forEach(
            g -> {
              if (uses(g.firewall(), policy)) {
                out.add(Address.group(g.name()).toString());
              }
            });
    desired
        .users()
        .values()
        .forEach(
            u -> {
              if (uses(u.firewall(), policy)) {
                out.add(Address.user(u.name()).toString());
              }
            });
    return out;
  }

  private static boolean uses(Optional<FirewallRef> ref, String policy) {
    return ref.isPresent() && ref.get() instanceof FirewallRef.Named n && n.policy().equals(policy);
  }

  /**
   * Connected users whose firewall rules the plan changes, with their session counts (sorted by
   * name): every connected user for a {@code restrict-user-to-*} change of the server or a vhost,
   * the group's connected members (as {@link LiveSessions#connectedMembers} counts them) for a
   * group's, the user for a user's. Users the plan disconnects anyway (deleted or locked) are left
   * out, and so is everybody when ocserv restarts (every session ends). Empty when occtl did not
   * answer.
   */
  public static Map<String, Integer> affectedSessions(
      List<ResourceChange> resources, LiveSessions live) {
    Map<String, Integer> out = new TreeMap<>();
    if (!live.running() || resources.stream().anyMatch(r -> r.has(Effect.RESTART))) {
      return out;
    }
    Set<String> removed = new HashSet<>();
    resources.stream()
        .filter(r -> r.has(Effect.DISCONNECT))
        .forEach(r -> removed.add(r.address().name()));
    for (ResourceChange r : resources) {
      if (r.attributes().stream().noneMatch(a -> OPTIONS.contains(a.name()))) {
        continue;
      }
      live.sessionsByUser()
          .forEach(
              (user, n) -> {
                boolean reached =
                    switch (r.address().kind()) {
                      case SERVER, VHOST -> true;
                      case GROUP ->
                          live.groupsByUser()
                              .getOrDefault(user, Set.of())
                              .contains(r.address().name());
                      case USER -> user.equals(r.address().name());
                      case FIREWALL_POLICY -> false;
                    };
                if (reached && n > 0 && !removed.contains(user)) {
                  out.put(user, n);
                }
              });
    }
    return out;
  }

  /** {@code "alice (1 session), bob (2 sessions)"}. */
  public static String describe(Map<String, Integer> sessions) {
    List<String> out = new ArrayList<>();
    sessions.forEach((user, n) -> out.add(user + " (" + sessionCount(n) + ")"));
    return String.join(", ", out);
  }

  /** {@code "1 session"}, {@code "2 sessions"}. */
  public static String sessionCount(int n) {
    return n + " session" + (n == 1 ? "" : "s");
  }
}
