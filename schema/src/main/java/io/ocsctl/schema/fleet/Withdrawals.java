package io.ocsctl.schema.fleet;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a host withdraws from its shared files, by name: {@code withdraw { users = [...] }}. */
public record Withdrawals(Map<Kind, List<String>> names) {
  /** What can be withdrawn, by the attribute that lists it and the block kind it names. */
  public enum Kind {
    USERS("users", "user"),
    GROUPS("groups", "group"),
    FIREWALL_POLICIES("firewall_policies", "firewall_policy"),
    VHOSTS("vhosts", "vhost"),
    SETTINGS("settings", "server option");

    private final String attribute;
    private final String block;

    Kind(String attribute, String block) {
      this.attribute = attribute;
      this.block = block;
    }

    public String attribute() {
      return attribute;
    }

    /** The block kind in a desired-state file ({@code user}), or "server option". */
    public String block() {
      return block;
    }

    static Optional<Kind> of(String attribute) {
      return Arrays.stream(values()).filter(k -> k.attribute.equals(attribute)).findFirst();
    }

    static String words() {
      return Arrays.stream(values()).map(Kind::attribute).collect(Collectors.joining(", "));
    }
  }

  public Withdrawals {
    EnumMap<Kind, List<String>> copy = new EnumMap<>(Kind.class);
    names.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    names = Collections.unmodifiableMap(copy);
  }

  public List<String> of(Kind kind) {
    return names.getOrDefault(kind, List.of());
  }
}
