package io.ocsctl.schema.model;

/** How a server, group or user names its firewall: a named policy or an inline block. */
public sealed interface FirewallRef {
  record Named(String policy) implements FirewallRef {}

  record Inline(Firewall firewall) implements FirewallRef {}
}
