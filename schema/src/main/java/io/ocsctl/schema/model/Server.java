package io.ocsctl.schema.model;

import java.util.Optional;

/** The global section of ocserv.conf. */
public record Server(Settings settings, Optional<FirewallRef> firewall) {
  public static final Server EMPTY = new Server(Settings.EMPTY, Optional.empty());
}
