package io.ocsctl.engine.plan;

import java.util.List;

/** A change to one resource: its address, the action, the attributes that differ, the files it touches. */
public record ResourceChange(Address address, Action action, List<AttributeChange> attributes, List<String> files) {
  public ResourceChange {
    attributes = List.copyOf(attributes);
    files = List.copyOf(files);
  }
}
