package io.ocsctl.providers.conf;

import java.util.Objects;

/**
 * A section of ocserv.conf whose options ocsctl reads and edits: the global one ({@link #SERVER},
 * also the whole of a config-per-user or config-per-group file) or a {@code [vhost:NAME]} one.
 */
public sealed interface Section {
  Section SERVER = new Server();

  /** The options before any section header (all of a per-user or per-group file). */
  record Server() implements Section {}

  /** {@code [vhost:NAME]}. */
  record Vhost(String name) implements Section {
    public Vhost {
      Objects.requireNonNull(name, "name");
    }
  }

  static Section vhost(String name) {
    return new Vhost(name);
  }
}
