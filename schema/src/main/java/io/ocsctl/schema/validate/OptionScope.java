package io.ocsctl.schema.validate;

/** Where an ocserv option is written. */
public enum OptionScope {
  MAIN("main", "the server settings"),
  VHOST("vhost", "vhost settings"),
  USER("user", "user settings (config-per-user)"),
  GROUP("group", "group settings (config-per-group)");

  final String code;
  final String description;

  OptionScope(String code, String description) {
    this.code = code;
    this.description = description;
  }
}
