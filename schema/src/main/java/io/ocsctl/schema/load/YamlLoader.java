package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Loads a YAML desired-state file with Jackson, duplicate keys rejected (Jackson ignores them by default). */
final class YamlLoader {
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private YamlLoader() {}

  static SourceFile load(String file, String text) throws InvalidInputException {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      int line = loc == null ? 0 : loc.getLineNr();
      int column = loc == null ? 0 : loc.getColumnNr();
      String[] lines = text.split("\n", -1);
      String excerpt = line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
      String message = e.getOriginalMessage().lines().findFirst().orElse("");
      String hint = message.startsWith("Duplicate field")
          ? "remove the duplicate key; YAML keeps only one of them"
          : "check the YAML syntax near this place (indentation, ':' after keys, quotes)";
      throw new InvalidInputException(new Diagnostic(file, line, column,
          "YAML syntax error: " + message, hint, excerpt));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new InvalidInputException(new Diagnostic(file, 0, 0, "the file holds no YAML document",
          "declare at least a server block", ""));
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new InvalidInputException(new Diagnostic(file, 1, 1,
          "the document must be a mapping (server:, group:, user: ...)",
          "start the file with 'server:'", ""));
    }
    return new SourceFile(file, object, () -> index(file, text));
  }

  /** Walks the token stream once, recording where every key and array element starts. */
  private static PositionIndex index(String file, String text) {
    PositionIndex index = new PositionIndex(file, text);
    try (JsonParser p = YAML.createParser(text)) {
      Deque<List<String>> paths = new ArrayDeque<>();
      Deque<int[]> arrayCounters = new ArrayDeque<>();
      List<String> path = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        TokenStreamLocation loc = p.currentTokenLocation();
        if (t == JsonToken.PROPERTY_NAME) {
          List<String> key = new ArrayList<>(path);
          key.add(p.currentName());
          index.put(key, loc.getLineNr(), loc.getColumnNr());
          continue;
        }
        if (p.streamReadContext().getParent() != null && p.streamReadContext().inArray() && !t.isStructEnd()) {
          List<String> element = new ArrayList<>(path);
          element.add(Integer.toString(arrayCounters.peek()[0]++));
          index.put(element, loc.getLineNr(), loc.getColumnNr());
        }
        if (t.isStructStart()) {
          paths.push(path);
          List<String> child = new ArrayList<>(path);
          String name = p.streamReadContext().getParent() == null ? null : parentKey(p, arrayCounters);
          if (name != null) {
            child.add(name);
          }
          path = child;
          arrayCounters.push(new int[] {0});
        } else if (t.isStructEnd()) {
          path = paths.pop();
          arrayCounters.pop();
        }
      }
    } catch (JacksonException e) {
      // positions are best effort; the tree itself parsed
    }
    return index;
  }

  private static String parentKey(JsonParser p, Deque<int[]> arrayCounters) {
    var parent = p.streamReadContext().getParent();
    if (parent.inObject()) {
      return parent.currentName();
    }
    if (parent.inArray()) {
      return Integer.toString(arrayCounters.peek()[0] - 1);
    }
    return null;
  }
}
