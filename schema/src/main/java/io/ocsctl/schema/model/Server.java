package io.ocsctl.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * The global section of ocserv.conf, and how apply treats the running server: {@code onUserRemoval}
 * ({@code on_user_removal}; empty: disconnect) and {@code banAllowlist}, addresses and networks
 * whose IP bans apply lifts ({@code ban_allowlist}). Neither is written to a file.
 */
public record Server(
    Settings settings,
    Optional<FirewallRef> firewall,
    Optional<RemovalPolicy> onUserRemoval,
    List<String> banAllowlist) {
  public static final Server EMPTY = new Server(Settings.EMPTY, Optional.empty());

  public Server {
    banAllowlist = List.copyOf(banAllowlist);
  }

  /** Settings and firewall only, as read from a live server (import). */
  public Server(Settings settings, Optional<FirewallRef> firewall) {
    this(settings, firewall, Optional.empty(), List.of());
  }
}
