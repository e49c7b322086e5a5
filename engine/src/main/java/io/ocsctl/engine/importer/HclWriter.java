package io.ocsctl.engine.importer;

import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.model.Vhost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a desired state as canonical HCL: two-space indentation, {@code =} aligned within runs of
 * one-line attributes (as terraform fmt does), one blank line between blocks, settings keys quoted,
 * lists on one line unless that line would pass {@value #MAX_LINE} characters.
 */
final class HclWriter {
  static final int MAX_LINE = 100;
  private static final String INDENT = "  ";

  private final StringBuilder out = new StringBuilder();

  private HclWriter() {}

  static String write(DesiredState state, List<String> header) {
    HclWriter w = new HclWriter();
    header.forEach(line -> w.out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    w.out.append("version = 1\n");
    w.block("server", null, attributes(state.server().settings()), 0);
    for (Vhost vhost : state.vhosts().values()) {
      w.block("vhost", vhost.name(), attributes(vhost.settings()), 0);
    }
    for (Group group : state.groups().values()) {
      w.block("group", group.name(), attributes(group.settings()), 0);
    }
    for (User user : state.users().values()) {
      w.block("user", user.name(), attributes(user), 0);
    }
    return w.out.toString();
  }

  /** One {@code name = value} line, or a multi-line value whose lines follow the first. */
  private record Attribute(String name, List<String> lines) {
    boolean oneLine() {
      return lines.size() == 1;
    }
  }

  private static List<Attribute> attributes(Settings settings) {
    if (settings.isEmpty()) {
      return List.of();
    }
    return List.of(new Attribute("settings", map(settings)));
  }

  private static List<Attribute> attributes(User user) {
    List<Attribute> out = new ArrayList<>();
    if (!user.groups().isEmpty()) {
      out.add(new Attribute("groups", list(user.groups().stream().map(g -> (Object) g).toList(), "groups")));
    }
    user.password().ifPresent(secret -> out.add(new Attribute("password_hash",
        List.of(string(((io.ocsctl.schema.model.Secret.Hash) secret).crypt())))));
    if (user.locked()) {
      out.add(new Attribute("locked", List.of("true")));
    }
    out.addAll(attributes(user.settings()));
    return out;
  }

  /** {@code { "key" = value ... }} over several lines, the first being the opening brace. */
  private static List<String> map(Settings settings) {
    List<Attribute> entries = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : settings.values().entrySet()) {
      List<Object> values = e.getValue().stream().map(Scalars::typed).toList();
      String key = string(e.getKey());
      entries.add(new Attribute(key, values.size() == 1 ? List.of(literal(values.get(0))) : list(values, key)));
    }
    List<String> lines = new ArrayList<>();
    lines.add("{");
    lines.addAll(aligned(entries, INDENT));
    lines.add("}");
    return lines;
  }

  /** A list on one line, or one element per line when the line would be too long. */
  private static List<String> list(List<Object> values, String name) {
    List<String> items = values.stream().map(HclWriter::literal).toList();
    String oneLine = "[" + String.join(", ", items) + "]";
    if (oneLine.length() + name.length() + 12 <= MAX_LINE) {
      return List.of(oneLine);
    }
    List<String> lines = new ArrayList<>();
    lines.add("[");
    items.forEach(item -> lines.add(INDENT + item + ","));
    lines.add("]");
    return lines;
  }

  private void block(String type, String label, List<Attribute> attributes, int depth) {
    out.append('\n').append(type);
    if (label != null) {
      out.append(' ').append(string(label));
    }
    if (attributes.isEmpty()) {
      out.append(" {}\n");
      return;
    }
    out.append(" {\n");
    aligned(attributes, INDENT.repeat(depth + 1)).forEach(line -> out.append(line).append('\n'));
    out.append(INDENT.repeat(depth)).append("}\n");
  }

  /** Lines of the attributes with {@code =} aligned within each run of one-line attributes. */
  private static List<String> aligned(List<Attribute> attributes, String indent) {
    List<String> lines = new ArrayList<>();
    int i = 0;
    while (i < attributes.size()) {
      if (!attributes.get(i).oneLine()) {
        Attribute a = attributes.get(i++);
        lines.add(indent + a.name() + " = " + a.lines().get(0));
        a.lines().subList(1, a.lines().size()).forEach(l -> lines.add(indent + l));
        continue;
      }
      int end = i;
      int width = 0;
      while (end < attributes.size() && attributes.get(end).oneLine()) {
        width = Math.max(width, attributes.get(end).name().length());
        end++;
      }
      for (; i < end; i++) {
        Attribute a = attributes.get(i);
        lines.add(indent + a.name() + " ".repeat(width - a.name().length()) + " = " + a.lines().get(0));
      }
    }
    return lines;
  }

  private static String literal(Object value) {
    return value instanceof String s ? string(s) : value.toString();
  }

  /**
   * A quoted HCL string. {@code \} and {@code "} are escaped; {@code $} before {@code {} or {@code $}
   * and {@code %} before {@code {} or {@code %} are written as the interpolation {@code ${"$"}} /
   * {@code ${"%"}}, which hcl4j and HCL2 both read as the plain character (hcl4j does not
   * understand HCL2's {@code $${} escape). The caller has rejected control characters.
   */
  static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("control character in an HCL string");
      } else if (c == '\\' || c == '"') {
        b.append('\\').append(c);
      } else if ((c == '$' || c == '%') && (next == '{' || next == c)) {
        b.append("${\"").append(c).append("\"}");
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
