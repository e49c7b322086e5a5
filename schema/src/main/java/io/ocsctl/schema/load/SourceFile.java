package io.ocsctl.schema.load;

import io.ocsctl.schema.SourcePosition;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * One loaded desired-state file: its text, its tree (the same shape for HCL and YAML) and a lazily
 * built index of positions, computed only when an error has to be placed or a file formatted.
 */
public final class SourceFile {
  private final String name;
  private final String text;
  private final ObjectNode tree;
  private final Supplier<PositionIndex> indexer;
  private PositionIndex index;

  SourceFile(String name, String text, ObjectNode tree, Supplier<PositionIndex> indexer) {
    this.name = name;
    this.text = text;
    this.tree = tree;
    this.indexer = indexer;
  }

  public String name() {
    return name;
  }

  /** The decoded text of the file (without a byte-order mark). */
  public String text() {
    return text;
  }

  public ObjectNode tree() {
    return tree;
  }

  public PositionIndex index() {
    if (index == null) {
      index = indexer.get();
    }
    return index;
  }

  public SourcePosition position(List<String> path) {
    return index().find(path);
  }

  public SourcePosition position(String... path) {
    return position(List.of(path));
  }
}
