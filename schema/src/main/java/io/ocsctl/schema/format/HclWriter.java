package io.ocsctl.schema.format;

import static io.ocsctl.schema.format.Canonical.append;

import io.ocsctl.schema.Places;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a desired-state tree as canonical HCL: two-space indentation, one blank line between
 * top-level blocks, {@code =} aligned within each run of one-line attributes (as terraform fmt
 * does), settings always one option per line with quoted keys, lists on one line unless the line
 * would reach {@value Canonical#MAX_LINE} characters or an element carries a comment.
 */
final class HclWriter {
  private static final String INDENT = "  ";

  /**
   * One attribute or nested block: its name, path and lines (the first follows {@code name = }).
   */
  private record Item(String name, List<String> path, List<String> lines, boolean block) {
    boolean oneLine() {
      return lines.size() == 1;
    }
  }

  private final Comments comments;

  /** Whether to refuse the strings hcl4j cannot read back (a tree fmt loaded holds none). */
  private final boolean checked;

  private HclWriter(Comments comments, boolean checked) {
    this.comments = comments;
    this.checked = checked;
  }

  static String write(ObjectNode tree, Comments comments) {
    return new HclWriter(comments, false).text(tree);
  }

  /** {@link #write}, refusing a string hcl4j would read back as something else. */
  static String writeChecked(ObjectNode tree, Comments comments) throws UnwritableException {
    try {
      return new HclWriter(comments, true).text(tree);
    } catch (Unreadable e) {
      throw new UnwritableException(e.getMessage());
    }
  }

  private String text(ObjectNode tree) {
    List<String> out = new ArrayList<>();
    for (String kind : Canonical.keys(List.of(), tree)) {
      JsonNode node = tree.get(kind);
      if (Places.LABELLED_BLOCKS.contains(kind) && node.isObject()) {
        for (String name : node.propertyNames()) {
          blank(out);
          out.addAll(block(List.of(kind, name), kind + " " + quoted(name), node.get(name), 0));
        }
      } else if (node.isObject()) {
        blank(out);
        out.addAll(block(List.of(kind), kind, node, 0));
      } else {
        blank(out);
        out.addAll(aligned(List.of(item(List.of(), kind, node, 0)), ""));
      }
    }
    if (!comments.footer().isEmpty()) {
      blank(out);
      out.addAll(comments.footer());
    }
    return String.join("\n", out) + "\n";
  }

  private static void blank(List<String> out) {
    if (!out.isEmpty()) {
      out.add("");
    }
  }

  private List<String> block(List<String> path, String header, JsonNode node, int depth) {
    List<String> lines = new ArrayList<>(comments.leading(path));
    if (node.isEmpty()) {
      lines.add(header + " {}" + comments.trailing(path));
      return lines;
    }
    lines.add(header + " {" + comments.trailing(path));
    List<Item> items = new ArrayList<>();
    for (String key : Canonical.keys(path, node)) {
      items.add(item(path, key, node.get(key), depth + 1));
    }
    lines.addAll(aligned(items, INDENT));
    lines.add("}");
    return lines;
  }

  private Item item(List<String> parent, String key, JsonNode value, int depth) {
    List<String> path = append(parent, key);
    boolean option = !parent.isEmpty() && parent.get(parent.size() - 1).equals("settings");
    String name = option ? quoted(key) : key;
    if (!option && key.equals("firewall") && value.isObject()) {
      return new Item(name, path, block(path, "firewall", value, depth), true);
    }
    if (!option && key.equals("password") && value.isObject()) {
      List<String> entries = new ArrayList<>();
      Canonical.keys(path, value).forEach(k -> entries.add(k + " = " + literal(value.get(k))));
      return new Item(name, path, List.of("{ " + String.join(", ", entries) + " }"), false);
    }
    if (value.isObject()) {
      return new Item(name, path, map(path, value, depth), false);
    }
    if (value.isArray()) {
      return new Item(
          name, path, list(path, value, depth * INDENT.length() + name.length() + 3), false);
    }
    return new Item(name, path, List.of(literal(value)), false);
  }

  /** A map of options: always one per line, keys quoted. */
  private List<String> map(List<String> path, JsonNode map, int depth) {
    if (map.isEmpty()) {
      return List.of("{}");
    }
    List<Item> entries = new ArrayList<>();
    for (String key : Canonical.keys(path, map)) {
      entries.add(item(path, key, map.get(key), depth + 1));
    }
    List<String> lines = new ArrayList<>();
    lines.add("{");
    lines.addAll(aligned(entries, INDENT));
    lines.add("}");
    return lines;
  }

  private List<String> list(List<String> path, JsonNode list, int prefix) {
    List<String> items = new ArrayList<>();
    list.forEach(v -> items.add(literal(v)));
    String oneLine = "[" + String.join(", ", items) + "]";
    if (!comments.anyBelow(path) && prefix + oneLine.length() < Canonical.MAX_LINE) {
      return List.of(oneLine);
    }
    List<String> lines = new ArrayList<>();
    lines.add("[");
    for (int i = 0; i < items.size(); i++) {
      List<String> element = append(path, Integer.toString(i));
      comments.leading(element).forEach(c -> lines.add(c.isEmpty() ? "" : INDENT + c));
      lines.add(INDENT + items.get(i) + "," + comments.trailing(element));
    }
    lines.add("]");
    return lines;
  }

  /** The items' lines, indented, with {@code =} aligned within each run of one-line attributes. */
  private List<String> aligned(List<Item> items, String indent) {
    List<String> lines = new ArrayList<>();
    int width = 0;
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      if (item.block()) {
        item.lines().forEach(l -> lines.add(l.isEmpty() ? "" : indent + l));
        continue;
      }
      if (i == 0 || !items.get(i - 1).oneLine() || items.get(i - 1).block()) {
        width = 0;
        for (int j = i; j < items.size() && items.get(j).oneLine() && !items.get(j).block(); j++) {
          width = Math.max(width, items.get(j).name().length());
        }
      }
      comments.leading(item.path()).forEach(c -> lines.add(c.isEmpty() ? "" : indent + c));
      String name =
          item.oneLine() ? item.name() + " ".repeat(width - item.name().length()) : item.name();
      lines.add(indent + name + " = " + item.lines().get(0) + comments.trailing(item.path()));
      item.lines()
          .subList(1, item.lines().size())
          .forEach(l -> lines.add(l.isEmpty() ? "" : indent + l));
    }
    return lines;
  }

  private String literal(JsonNode value) {
    if (value.isString()) {
      return quoted(value.asString());
    }
    return value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.toString();
  }

  /** Thrown inside the writer for a string {@link #string} cannot make readable. */
  private static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  private String quoted(String s) {
    if (checked && (s.contains("${") || dollarBeforeEscape(s))) {
      throw new Unreadable(
          "the value \""
              + s
              + "\" cannot be written in HCL: hcl4j would read"
              + (s.contains("${")
                  ? " \"${\" as an interpolation"
                  : " \"$\" before a quote or backslash wrongly"));
    }
    return string(s);
  }

  /** A lone {@code $} (not half of {@code $$}) followed by {@code "} or {@code \}. */
  private static boolean dollarBeforeEscape(String s) {
    for (int i = 0; i + 1 < s.length(); i++) {
      if (s.charAt(i) != '$') {
        continue;
      }
      char next = s.charAt(i + 1);
      if (next == '$') {
        i++;
      } else if (next == '"' || next == '\\') {
        return true;
      }
    }
    return false;
  }

  /** A quoted HCL string; hcl4j reads back exactly these escapes. */
  static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
