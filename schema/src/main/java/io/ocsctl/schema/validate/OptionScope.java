package io.ocsctl.schema.validate;

/** Where an ocserv option is written. */
public enum OptionScope {
  MAIN("main", "the server settings"),
  VHOST("vhost", "a vhost"),
  USER("user", "a user's settings (config-per-user)"),
  GROUP("group", "a group's settings (config-per-group)");

  final String code;
  final String description;

  OptionScope(String code, String description) {
    this.code = code;
    this.description = description;
  }
}
