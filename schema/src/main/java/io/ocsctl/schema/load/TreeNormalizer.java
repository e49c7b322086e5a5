package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns hcl4j's plain maps into the JSON tree both formats share: whole numbers become integers
 * (hcl4j returns 443 as 443.0) and duplicated labelled blocks, which hcl4j merges into a list, are
 * reported instead of silently kept.
 */
final class TreeNormalizer {
  static final List<String> LABELLED_BLOCKS = io.ocsctl.schema.Places.LABELLED_BLOCKS;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeNormalizer() {}

  static ObjectNode fromHcl(String file, Map<String, Object> parsed) throws InvalidInputException {
    List<Diagnostic> errors = new ArrayList<>();
    for (Map.Entry<String, Object> top : parsed.entrySet()) {
      if ((top.getKey().equals("server") || top.getKey().equals("canary"))
          && top.getValue() instanceof List) {
        errors.add(
            new Diagnostic(
                file,
                0,
                0,
                "the " + top.getKey() + " block is declared more than once",
                "merge the " + top.getKey() + " blocks into one",
                ""));
      }
      if (LABELLED_BLOCKS.contains(top.getKey()) && top.getValue() instanceof Map<?, ?> labels) {
        for (Map.Entry<?, ?> label : labels.entrySet()) {
          if (label.getValue() instanceof List) {
            errors.add(
                new Diagnostic(
                    file,
                    0,
                    0,
                    top.getKey() + " \"" + label.getKey() + "\" is declared more than once",
                    "keep one " + top.getKey() + " \"" + label.getKey() + "\" block",
                    ""));
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return (ObjectNode) toNode(parsed);
  }

  private static JsonNode toNode(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = NODES.objectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), toNode(v)));
      return node;
    }
    if (value instanceof List<?> list) {
      ArrayNode node = NODES.arrayNode();
      list.forEach(v -> node.add(toNode(v)));
      return node;
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return NODES.numberNode((long) d);
      }
      return NODES.numberNode(d);
    }
    return NODES.stringNode(String.valueOf(value));
  }
}
