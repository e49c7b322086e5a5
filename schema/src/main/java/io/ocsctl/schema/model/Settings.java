package io.ocsctl.schema.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ocserv options of one scope, in declaration order. Every value is a list of the strings written
 * after {@code key =}: a scalar option has one element, a repeated key such as {@code route} has
 * one element per line.
 */
public record Settings(Map<String, List<String>> values) {
  public static final Settings EMPTY = new Settings(Map.of());

  public Settings {
    LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    values = Collections.unmodifiableMap(copy);
  }

  public List<String> get(String key) {
    return values.getOrDefault(key, List.of());
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public Set<String> keys() {
    return values.keySet();
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** These settings with {@code extra} added; keys of {@code extra} replace existing ones. */
  public Settings with(Settings extra) {
    if (extra.isEmpty()) {
      return this;
    }
    LinkedHashMap<String, List<String>> merged = new LinkedHashMap<>(values);
    merged.putAll(extra.values);
    return new Settings(merged);
  }
}
