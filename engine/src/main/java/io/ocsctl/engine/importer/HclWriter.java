package io.ocsctl.engine.importer;

import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.FirewallPolicy;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.model.Vhost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a desired state as canonical HCL: two-space indentation, {@code =} aligned within runs of
 * one-line attributes (as terraform fmt does), one blank line between blocks, settings keys quoted,
 * lists on one line unless that line would pass {@value #MAX_LINE} characters; firewall policies as
 * {@code firewall_policy} blocks, referenced by {@code firewall = "NAME"} or written inline as a
 * nested {@code firewall} block.
 */
final class HclWriter {
  static final int MAX_LINE = 100;
  private static final String INDENT = "  ";

  private final StringBuilder out = new StringBuilder();

  private HclWriter() {}

  static String write(DesiredState state, List<String> header) throws ImportException {
    HclWriter w = new HclWriter();
    header.forEach(line -> w.out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    w.out.append("version = 1\n");
    w.block("server", null, settingsAttribute(state.server().settings()));
    for (Vhost vhost : state.vhosts().values()) {
      w.block("vhost", vhost.name(), settingsAttribute(vhost.settings()));
    }
    for (FirewallPolicy policy : state.policies().values()) {
      w.block("firewall_policy", policy.name(), firewallAttributes(policy.firewall()));
    }
    for (Group group : state.groups().values()) {
      List<Attribute> attributes = new ArrayList<>(settingsAttribute(group.settings()));
      attributes.addAll(firewallAttribute(group.firewall()));
      w.block("group", group.name(), attributes);
    }
    for (User user : state.users().values()) {
      w.block("user", user.name(), userAttributes(user));
    }
    return w.out.toString();
  }

  /**
   * One {@code name = value} line, or a multi-line value whose lines follow the first; or, when
   * {@code block}, a nested block whose lines are written as they are.
   */
  private record Attribute(String name, List<String> lines, boolean block) {
    Attribute(String name, List<String> lines) {
      this(name, lines, false);
    }

    boolean oneLine() {
      return lines.size() == 1 && !block;
    }
  }

  /** {@code firewall = "NAME"}, or a nested {@code firewall { ... }} block for an inline policy. */
  private static List<Attribute> firewallAttribute(Optional<FirewallRef> ref)
      throws ImportException {
    if (ref.isEmpty()) {
      return List.of();
    }
    if (ref.get() instanceof FirewallRef.Named named) {
      return List.of(new Attribute("firewall", List.of(string(named.policy()))));
    }
    List<String> lines = new ArrayList<>();
    lines.add("firewall {");
    lines.addAll(aligned(firewallAttributes(((FirewallRef.Inline) ref.get()).firewall()), INDENT));
    lines.add("}");
    return List.of(new Attribute("firewall", lines, true));
  }

  /** The attributes of a policy, in the order 'ocsctl fmt' writes them. */
  private static List<Attribute> firewallAttributes(Firewall firewall) throws ImportException {
    List<Attribute> out = new ArrayList<>();
    if (firewall.restrictToRoutes()) {
      out.add(new Attribute("restrict_to_routes", List.of("true")));
    }
    if (!firewall.allowPorts().isEmpty()) {
      out.add(
          new Attribute(
              "allow_ports", list(new ArrayList<>(firewall.allowPorts()), "allow_ports")));
    }
    if (!firewall.denyPorts().isEmpty()) {
      out.add(
          new Attribute("deny_ports", list(new ArrayList<>(firewall.denyPorts()), "deny_ports")));
    }
    return out;
  }

  private static List<Attribute> settingsAttribute(Settings settings) throws ImportException {
    return settings.isEmpty() ? List.of() : List.of(new Attribute("settings", map(settings)));
  }

  private static List<Attribute> userAttributes(User user) throws ImportException {
    List<Attribute> out = new ArrayList<>();
    if (user.vhost().isPresent()) {
      out.add(new Attribute("vhost", List.of(string(user.vhost().get()))));
    }
    if (!user.groups().isEmpty()) {
      out.add(new Attribute("groups", list(new ArrayList<>(user.groups()), "groups")));
    }
    if (user.password().isPresent()) {
      Secret.Hash hash = (Secret.Hash) user.password().get();
      out.add(new Attribute("password_hash", List.of(string(hash.crypt()))));
    }
    if (user.locked()) {
      out.add(new Attribute("locked", List.of("true")));
    }
    out.addAll(settingsAttribute(user.settings()));
    out.addAll(firewallAttribute(user.firewall()));
    return out;
  }

  /** {@code { "key" = value ... }} over several lines, the first being the opening brace. */
  private static List<String> map(Settings settings) throws ImportException {
    List<Attribute> entries = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : settings.values().entrySet()) {
      List<Object> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(Scalars.typed(v)));
      String key = string(e.getKey());
      entries.add(
          new Attribute(
              key, values.size() == 1 ? List.of(literal(values.get(0))) : list(values, key)));
    }
    List<String> lines = new ArrayList<>();
    lines.add("{");
    lines.addAll(aligned(entries, INDENT));
    lines.add("}");
    return lines;
  }

  /** A list on one line, or one element per line when the line would be too long. */
  private static List<String> list(List<Object> values, String name) throws ImportException {
    List<String> items = new ArrayList<>();
    for (Object value : values) {
      items.add(literal(value));
    }
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

  private void block(String type, String label, List<Attribute> attributes) throws ImportException {
    out.append('\n').append(type);
    if (label != null) {
      out.append(' ').append(string(label));
    }
    if (attributes.isEmpty()) {
      out.append(" {}\n");
      return;
    }
    out.append(" {\n");
    aligned(attributes, INDENT).forEach(line -> out.append(line).append('\n'));
    out.append("}\n");
  }

  /** Lines of the attributes with {@code =} aligned within each run of one-line attributes. */
  private static List<String> aligned(List<Attribute> attributes, String indent) {
    List<String> lines = new ArrayList<>();
    int i = 0;
    while (i < attributes.size()) {
      if (attributes.get(i).block()) {
        attributes.get(i++).lines().forEach(l -> lines.add(indent + l));
        continue;
      }
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
        lines.add(
            indent + a.name() + " ".repeat(width - a.name().length()) + " = " + a.lines().get(0));
      }
    }
    return lines;
  }

  private static String literal(Object value) throws ImportException {
    return value instanceof String s ? string(s) : value.toString();
  }

  /**
   * A quoted HCL string: {@code \} and {@code "} escaped. Some strings cannot be written for
   * hcl4j, which has no escape for them: {@code ${} (evaluated as an interpolation, and refused by
   * the loader), and a {@code $} right before an escaped {@code "} or {@code \} (its lexer fails;
   * a {@code $$} pair is fine). The caller is told to use YAML for those. Control characters were
   * rejected by the importer.
   */
  static String string(String s) throws ImportException {
    if (s.contains("${") || dollarBeforeEscape(s)) {
      throw new ImportException(
          "the value \""
              + s
              + "\" cannot be written in HCL: hcl4j would read"
              + (s.contains("${")
                  ? " \"${\" as an interpolation"
                  : " \"$\" before a quote or backslash wrongly"),
          "import with -format yaml, or change the value on the server");
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("control character in an HCL string");
      }
      if (c == '\\' || c == '"') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
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
}
