package io.ocsctl.schema.model;

import java.util.List;
import java.util.Optional;

/** A user: a line of the ocpasswd file plus, when it has settings, {@code config-per-user/NAME}. */
public record User(
    String name,
    List<String> groups,
    Optional<Secret> password,
    boolean locked,
    Settings settings,
    Optional<FirewallRef> firewall) {
  public User {
    groups = List.copyOf(groups);
  }
}
