package io.ocsctl.schema.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What apply does to the live sessions of a user it deletes or locks: {@code disconnect} them (the
 * default: a removed user must not stay connected) or {@code keep} them until they end. Set by
 * {@code server { on_user_removal = "keep" }} in the desired state or {@code -on-user-removal}.
 */
public enum RemovalPolicy {
  DISCONNECT,
  KEEP;

  /** {@code "disconnect"} or {@code "keep"}. */
  public static Optional<RemovalPolicy> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "disconnect" -> Optional.of(DISCONNECT);
      case "keep" -> Optional.of(KEEP);
      default -> Optional.empty();
    };
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
