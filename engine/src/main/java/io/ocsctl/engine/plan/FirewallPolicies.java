package io.ocsctl.engine.plan;

import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.FirewallRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Adds a {@code firewall_policy["NAME"]} resource to the plan for every named policy whose
 * rendered options change somewhere: a reviewer sees the policy change once, with the groups and
 * users it reaches and the files it touches, instead of only scattered per-group diffs.
 */
final class FirewallPolicies {
  private static final Set<String> OPTIONS = Set.of("restrict-user-to-routes", "restrict-user-to-ports");

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
        out.add(new ResourceChange(Address.of("firewall_policy", policy),
            existedBefore ? Action.UPDATE : Action.CREATE, attrs, List.copyOf(files)));
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
    desired.groups().values().forEach(g -> {
      if (uses(g.firewall(), policy)) {
        out.add(Address.of("group", g.name()).toString());
      }
    });
    desired.users().values().forEach(u -> {
      if (uses(u.firewall(), policy)) {
        out.add(Address.of("user", u.name()).toString());
      }
    });
    return out;
  }

  private static boolean uses(Optional<FirewallRef> ref, String policy) {
    return ref.isPresent() && ref.get() instanceof FirewallRef.Named n && n.policy().equals(policy);
  }
}
