package io.ocsctl.schema.format;

import static io.ocsctl.schema.format.Canonical.append;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes a desired-state tree as canonical YAML: two-space indentation, maps in block style, lists
 * in flow style ({@code [a, b]}) unless the line would reach {@value Canonical#MAX_LINE} characters
 * or an element carries a comment. Scalars are quoted as Jackson's YAML writer quotes them with
 * MINIMIZE_QUOTES (and always where a plain scalar would read back as another type).
 */
final class YamlWriter {
  private static final String INDENT = "  ";
  private static final ObjectMapper SCALARS =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .disable(YAMLWriteFeature.SPLIT_LINES)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build();

  private final Comments comments;
  private final List<String> out = new ArrayList<>();

  private YamlWriter(Comments comments) {
    this.comments = comments;
  }

  static String write(ObjectNode tree, Comments comments) {
    YamlWriter w = new YamlWriter(comments);
    w.map(List.of(), tree, 0);
    w.out.addAll(comments.footer());
    return String.join("\n", w.out) + "\n";
  }

  private void map(List<String> path, JsonNode node, int depth) {
    String indent = INDENT.repeat(depth);
    for (String key : Canonical.keys(path, node)) {
      List<String> at = append(path, key);
      JsonNode value = node.get(key);
      comments.leading(at).forEach(c -> out.add(c.isEmpty() ? "" : indent + c));
      String head = indent + scalar(key, false) + ":";
      if (value.isObject() && !value.isEmpty()) {
        out.add(head + comments.trailing(at));
        map(at, value, depth + 1);
      } else if (value.isArray() && !value.isEmpty()) {
        list(at, value, head, depth);
      } else {
        out.add(
            head
                + " "
                + (value.isObject() ? "{}" : value.isArray() ? "[]" : scalar(value))
                + comments.trailing(at));
      }
    }
  }

  private void list(List<String> path, JsonNode list, String head, int depth) {
    List<String> items = new ArrayList<>();
    list.forEach(v -> items.add(v.isString() ? scalar(v.asString(), true) : scalar(v)));
    String flow = head + " [" + String.join(", ", items) + "]";
    if (!comments.anyBelow(path) && flow.length() < Canonical.MAX_LINE) {
      out.add(flow + comments.trailing(path));
      return;
    }
    out.add(head + comments.trailing(path));
    String indent = INDENT.repeat(depth + 1);
    for (int i = 0; i < list.size(); i++) {
      List<String> element = append(path, Integer.toString(i));
      comments.leading(element).forEach(c -> out.add(c.isEmpty() ? "" : indent + c));
      JsonNode v = list.get(i);
      out.add(
          indent
              + "- "
              + (v.isString() ? scalar(v.asString(), false) : scalar(v))
              + comments.trailing(element));
    }
  }

  private static String scalar(JsonNode value) {
    if (value.isString()) {
      return scalar(value.asString(), false);
    }
    return value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.toString();
  }

  /**
   * A string as a YAML scalar. Inside a flow list a plain scalar may not hold {@code , [ ] { }},
   * and nowhere start with {@code :}; an empty string, one with characters a YAML file may not hold
   * raw, and one Jackson would write on several lines are written double-quoted with escapes.
   */
  static String scalar(String s, boolean flow) {
    if (s.isEmpty() || s.chars().anyMatch(YamlWriter::needsEscape)) {
      return doubleQuoted(s);
    }
    String yaml = SCALARS.writeValueAsString(s);
    yaml = yaml.endsWith("\n") ? yaml.substring(0, yaml.length() - 1) : yaml;
    boolean plain = !yaml.startsWith("\"") && !yaml.startsWith("'");
    // a plain scalar starting with ':' ("::1") does not load back (Jackson writes it plain)
    if (yaml.contains("\n")
        || plain
            && (s.startsWith(":") || flow && s.chars().anyMatch(c -> ",[]{}".indexOf(c) >= 0))) {
      return doubleQuoted(s);
    }
    return yaml;
  }

  private static boolean needsEscape(int c) {
    return c < 0x20
        || c == 0x7f
        || c >= 0x80 && c < 0xa0
        || c == 0x2028
        || c == 0x2029
        || c == 0xfeff
        || Character.isSurrogate((char) c);
  }

  /** A YAML double-quoted scalar: quotes, backslashes and unprintable characters escaped. */
  static String doubleQuoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (needsEscape(c)) {
        out.append(String.format(c < 0x100 ? "\\x%02x" : "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
