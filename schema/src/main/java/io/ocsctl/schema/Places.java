package io.ocsctl.schema;

import io.ocsctl.schema.model.UserAttribute;
import java.util.List;
import java.util.Optional;

/**
 * Names a place of the desired state in words, for error messages: {@code in user "alice"}, {@code
 * in the settings of group "ops"}, {@code option "dns" in the server settings}.
 */
public final class Places {
  /** The blocks that carry a name: {@code user "alice" { ... }}. */
  public static final List<String> LABELLED_BLOCKS =
      List.of("vhost", "firewall_policy", "group", "user");

  private Places() {}

  /** Where a node with parent {@code parent} is: {@code in user "alice" (firewall)}. */
  public static String where(List<String> parent) {
    if (parent.isEmpty()) {
      return "at the top level";
    }
    String block = parent.get(0);
    boolean labelled = LABELLED_BLOCKS.contains(block) && parent.size() >= 2;
    String name =
        labelled
            ? block + " " + Diagnostic.quote(parent.get(1))
            : block.equals("server") ? "server" : block;
    List<String> inner = parent.subList(labelled ? 2 : 1, parent.size());
    if (inner.equals(List.of("settings"))) {
      return name.equals("server") ? "in the server settings" : "in the settings of " + name;
    }
    String out = name.equals("server") ? "in the server block" : "in " + name;
    return inner.isEmpty() ? out : out + " (" + String.join(".", inner) + ")";
  }

  /**
   * The node at {@code path} in words: {@code "locked" in user "alice"}, {@code element 2 of ...}.
   */
  public static String subject(List<String> path) {
    if (path.isEmpty()) {
      return "the document";
    }
    String last = path.get(path.size() - 1);
    List<String> parent = path.subList(0, path.size() - 1);
    if (!parent.isEmpty() && last.matches("\\d+") && isList(parent)) {
      return "element " + (Integer.parseInt(last) + 1) + " of " + subject(parent);
    }
    if (path.size() == 2 && LABELLED_BLOCKS.contains(path.get(0))) {
      return path.get(0) + " " + Diagnostic.quote(last);
    }
    if (path.size() == 1) {
      return Diagnostic.quote(last);
    }
    boolean option = parent.get(parent.size() - 1).equals("settings");
    return (option ? "option " : "") + Diagnostic.quote(last) + " " + where(parent);
  }

  private static boolean isList(List<String> path) {
    String last = path.get(path.size() - 1);
    return List.of("allow_ports", "deny_ports", "ban_allowlist", "expect_routes", "expect_dns")
            .contains(last)
        || userAttribute(path).map(UserAttribute::isList).orElse(false)
        || path.size() >= 2 && path.get(path.size() - 2).equals("settings");
  }

  /** The user attribute at {@code path} ({@code user, NAME, KEY}), or empty. */
  public static Optional<UserAttribute> userAttribute(List<String> path) {
    return path.size() == 3 && path.get(0).equals("user")
        ? UserAttribute.of(path.get(2))
        : Optional.empty();
  }
}
