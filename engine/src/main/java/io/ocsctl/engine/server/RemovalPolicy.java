package io.ocsctl.engine.server;

import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.DesiredStateLoader;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What apply does to the live sessions of a user it deletes or locks: {@code disconnect} them
 * (the default: a removed user must not stay connected) or {@code keep} them until they end.
 * Set by {@code server { on_user_removal = "keep" }} in the desired state or {@code -on-user-removal}.
 */
public enum RemovalPolicy {
  DISCONNECT,
  KEEP;

  /** {@code "disconnect"} or {@code "keep"}. */
  public static Optional<RemovalPolicy> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "disconnect" -> Optional.of(DISCONNECT);
      case "keep" -> Optional.of(KEEP);
      default -> Optional.empty();
    };
  }

  /**
   * The policy the desired state declares ({@code server.on_user_removal}, validated by the schema),
   * {@code DISCONNECT} when none does. The model does not carry the key, so it is read from the trees.
   */
  public static RemovalPolicy declared(DesiredStateLoader.Loaded loaded) {
    for (Path file : loaded.files()) {
      try {
        JsonNode value = DesiredStateLoader.parse(file).tree().path("server").path("on_user_removal");
        Optional<RemovalPolicy> policy = value.isString() ? parse(value.asString()) : Optional.empty();
        if (policy.isPresent()) {
          return policy.get();
        }
      } catch (InvalidInputException e) {
        // the file was loaded a moment ago; unreadable now means it is being edited: keep the safe default
      }
    }
    return DISCONNECT;
  }

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
