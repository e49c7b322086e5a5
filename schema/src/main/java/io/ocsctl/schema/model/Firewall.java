package io.ocsctl.schema.model;

import java.util.List;

/**
 * A firewall policy as ocserv enforces it through ocserv-fw: {@code restrict-user-to-routes} and
 * {@code restrict-user-to-ports}. At most one of allowPorts/denyPorts is non-empty.
 */
public record Firewall(boolean restrictToRoutes, List<String> allowPorts, List<String> denyPorts) {
  public Firewall {
    allowPorts = List.copyOf(allowPorts);
    denyPorts = List.copyOf(denyPorts);
  }

  /** The ocserv options this policy renders to. */
  public Settings toSettings() {
    var map = new java.util.LinkedHashMap<String, List<String>>();
    if (restrictToRoutes) {
      map.put("restrict-user-to-routes", List.of("true"));
    }
    if (!allowPorts.isEmpty()) {
      map.put("restrict-user-to-ports", List.of(String.join(", ", allowPorts)));
    } else if (!denyPorts.isEmpty()) {
      map.put("restrict-user-to-ports", List.of("!(" + String.join(", ", denyPorts) + ")"));
    }
    return new Settings(map);
  }
}
