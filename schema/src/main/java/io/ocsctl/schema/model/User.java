package io.ocsctl.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * A user: a line of the ocpasswd file plus, when it has settings, {@code config-per-user/NAME}.
 * {@code vhost} names the virtual host whose own plain passwd file holds the line; empty for the
 * server's passwd file.
 */
public record User(
    String name,
    List<String> groups,
    Optional<Secret> password,
    boolean locked,
    Settings settings,
    Optional<FirewallRef> firewall,
    Optional<String> vhost) {
  public User {
    groups = List.copyOf(groups);
  }

  public User(
      String name,
      List<String> groups,
      Optional<Secret> password,
      boolean locked,
      Settings settings,
      Optional<FirewallRef> firewall) {
    this(name, groups, password, locked, settings, firewall, Optional.empty());
  }
}
