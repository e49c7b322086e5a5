package io.ocsctl.engine.plan;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A change to one resource: its address, the action, the attributes that differ, the files it
 * touches, and what it does to the running server ({@link Effect}, decided from the rest).
 */
public record ResourceChange(
    Address address,
    Action action,
    List<AttributeChange> attributes,
    List<String> files,
    Set<Effect> effects) {
  public ResourceChange {
    attributes = List.copyOf(attributes);
    files = List.copyOf(files);
    effects =
        Collections.unmodifiableSet(
            effects.isEmpty() ? EnumSet.noneOf(Effect.class) : EnumSet.copyOf(effects));
  }

  public ResourceChange(
      Address address, Action action, List<AttributeChange> attributes, List<String> files) {
    this(address, action, attributes, files, LiveEffects.of(address, action, attributes));
  }

  public boolean has(Effect effect) {
    return effects.contains(effect);
  }

  /** {@code "restart"}, {@code "next-connect"}, joined by {@code separator}; empty when none. */
  public String effectLabels(String separator) {
    return String.join(separator, effects.stream().map(e -> e.label).toList());
  }
}
