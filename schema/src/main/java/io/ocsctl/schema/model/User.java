package io.ocsctl.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * A user: a line of the ocpasswd file plus, when it has settings, {@code config-per-user/NAME}.
 * {@code vhost} names the virtual host whose own plain passwd file holds the line; empty for the
 * server's passwd file. Each attribute is declared once, with its tree form, schema, plan row and
 * effect, in {@link UserAttribute}; build a user with {@link #builder}.
 */
public record User(
    String name,
    List<String> groups,
    Optional<Secret> password,
    boolean locked,
    Settings settings,
    Optional<FirewallRef> firewall,
    Optional<String> vhost,
    Optional<Expiry> expires,
    Optional<Quota> quota) {
  public User {
    groups = List.copyOf(groups);
  }

  /** A user with no attribute set: no groups, no password, not locked, no settings. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this user's attributes. */
  public Builder toBuilder() {
    return new Builder(name)
        .groups(groups)
        .password(password)
        .locked(locked)
        .settings(settings)
        .firewall(firewall)
        .vhost(vhost)
        .expires(expires)
        .quota(quota);
  }

  /** Sets attributes one by one (the loader and import set only those they find). */
  public static final class Builder {
    private final String name;
    private List<String> groups = List.of();
    private Optional<Secret> password = Optional.empty();
    private boolean locked;
    private Settings settings = Settings.EMPTY;
    private Optional<FirewallRef> firewall = Optional.empty();
    private Optional<String> vhost = Optional.empty();
    private Optional<Expiry> expires = Optional.empty();
    private Optional<Quota> quota = Optional.empty();

    private Builder(String name) {
      this.name = name;
    }

    public Builder groups(List<String> groups) {
      this.groups = groups;
      return this;
    }

    public Builder password(Optional<Secret> password) {
      this.password = password;
      return this;
    }

    Optional<Secret> password() {
      return password;
    }

    public Builder locked(boolean locked) {
      this.locked = locked;
      return this;
    }

    public Builder settings(Settings settings) {
      this.settings = settings;
      return this;
    }

    public Builder firewall(Optional<FirewallRef> firewall) {
      this.firewall = firewall;
      return this;
    }

    public Builder vhost(Optional<String> vhost) {
      this.vhost = vhost;
      return this;
    }

    public Builder expires(Optional<Expiry> expires) {
      this.expires = expires;
      return this;
    }

    public Builder quota(Optional<Quota> quota) {
      this.quota = quota;
      return this;
    }

    public User build() {
      return new User(name, groups, password, locked, settings, firewall, vhost, expires, quota);
    }
  }
}
