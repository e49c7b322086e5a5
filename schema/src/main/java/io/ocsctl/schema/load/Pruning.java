package io.ocsctl.schema.load;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Removes a node the schema rejected from a tree, so the rest of the tree can still be used. */
final class Pruning {
  private Pruning() {}

  /**
   * Removes the node at {@code path}; a bad list element removes its whole list (its siblings would
   * otherwise change index and be reported at the wrong place). Returns the path removed.
   */
  static Optional<List<String>> remove(ObjectNode tree, List<String> path) {
    if (path.isEmpty()) {
      return Optional.empty();
    }
    JsonNode parent = tree;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode next = child(parent, path.get(i));
      if (next == null) {
        return Optional.empty();
      }
      if (next.isArray()) {
        return remove(tree, path.subList(0, i + 1));
      }
      parent = next;
    }
    if (parent instanceof ObjectNode object && object.has(path.get(path.size() - 1))) {
      object.remove(path.get(path.size() - 1));
      return Optional.of(path);
    }
    return Optional.empty();
  }

  private static JsonNode child(JsonNode node, String segment) {
    if (node.isArray()) {
      return segment.matches("\\d+") ? node.get(Integer.parseInt(segment)) : null;
    }
    return node.get(segment);
  }
}
