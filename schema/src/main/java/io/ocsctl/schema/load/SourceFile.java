package io.ocsctl.schema.load;

import io.ocsctl.schema.SourcePosition;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * One loaded desired-state file: its tree (the same shape for HCL and YAML) and a lazily built
 * index of positions, computed only when an error has to be placed.
 */
public final class SourceFile {
  private final String name;
  private final ObjectNode tree;
  private final Supplier<PositionIndex> indexer;
  private PositionIndex index;

  SourceFile(String name, ObjectNode tree, Supplier<PositionIndex> indexer) {
    this.name = name;
    this.tree = tree;
    this.indexer = indexer;
  }

  public String name() {
    return name;
  }

  public ObjectNode tree() {
    return tree;
  }

  public SourcePosition position(List<String> path) {
    if (index == null) {
      index = indexer.get();
    }
    return index.find(path);
  }

  public SourcePosition position(String... path) {
    return position(List.of(path));
  }
}
