package io.ocsctl.schema.model;

import java.util.Optional;

/**
 * A group: its options live in {@code config-per-group/NAME}. {@code expires} and {@code quota} are
 * the defaults of its members (docs/lifecycle.md); no file holds them.
 */
public record Group(
    String name,
    Settings settings,
    Optional<FirewallRef> firewall,
    Optional<Expiry> expires,
    Optional<Quota> quota) {

  public Group(String name, Settings settings, Optional<FirewallRef> firewall) {
    this(name, settings, firewall, Optional.empty(), Optional.empty());
  }
}
