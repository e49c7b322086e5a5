package io.ocsctl.schema.model;

import java.util.Optional;

/** A group: its options live in {@code config-per-group/NAME}. */
public record Group(String name, Settings settings, Optional<FirewallRef> firewall) {}
