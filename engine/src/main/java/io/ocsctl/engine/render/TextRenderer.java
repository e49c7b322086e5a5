package io.ocsctl.engine.render;

import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.AttributeChange;
import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ResourceChange;
import io.ocsctl.engine.plan.ServerAction;
import java.util.List;

/** Renders a plan the way Terraform prints one, optionally with ANSI colour. */
public final class TextRenderer {
  private final boolean color;

  public TextRenderer(boolean color) {
    this.color = color;
  }

  public String render(Plan plan) {
    plan = PrintablePlan.of(plan);
    StringBuilder out = new StringBuilder();
    if (!plan.hasChanges()) {
      out.append(
          plan.targets().all()
              ? "No changes. The live server matches the desired state.\n"
              : "No changes. The targeted resources match the desired state.\n");
      plan.targets().warning().ifPresent(w -> out.append("\nWarning: ").append(w).append(".\n"));
      // what is coming (an account about to end) is worth a reviewer's eye even then
      plan.notes().forEach(note -> out.append("\nNote: ").append(note).append('\n'));
      return out.toString();
    }
    out.append("ocsctl will perform the following actions:\n");
    for (ResourceChange r : plan.resources()) {
      out.append('\n');
      out.append("  # ")
          .append(r.address())
          .append(' ')
          .append(r.action().description)
          .append('\n');
      out.append("  ")
          .append(paint(r.action().symbol, r.action()))
          .append(' ')
          .append(r.address())
          .append(" {\n");
      int width = r.attributes().stream().mapToInt(a -> a.name().length()).max().orElse(0);
      for (AttributeChange a : r.attributes()) {
        attribute(out, a, width);
      }
      for (String file : r.files()) {
        out.append("        # file: ").append(file).append('\n');
      }
      out.append("    }\n");
    }
    if (!plan.files().isEmpty()) {
      out.append("\nFile changes:\n");
      for (FileChange f : plan.files()) {
        out.append('\n');
        for (String line : FileDiffs.unified(f)) {
          out.append(diffLine(line)).append('\n');
        }
        if (f.isDelete()) {
          out.append("(").append(f.path()).append(" will be deleted)\n");
        }
      }
    }
    if (plan.live().running()
        && !(plan.sideEffects().isEmpty() && plan.live().problems().isEmpty())) {
      // only when ocserv answered occtl: what apply does to the sessions is then known
      out.append("\nOn the running server, apply will also:\n");
      plan.sideEffects().forEach(effect -> out.append("  - ").append(effect).append('\n'));
      plan.live().problems().forEach(p -> out.append("  (occtl: ").append(p).append(")\n"));
    } else {
      if (!plan.live().problems().isEmpty()) {
        out.append("\nThe running server could not be asked (")
            .append(String.join("; ", plan.live().problems()))
            .append("): this plan does not show which sessions apply ends.\n");
      }
      // the canary login is made whether or not ocserv answered when the plan was made
      plan.canary()
          .flatMap(ServerAction::shown)
          .ifPresent(
              c -> out.append("\nAfter the change, apply will also:\n  - ").append(c).append('\n'));
    }
    for (String note : plan.notes()) {
      out.append("\nNote: ").append(note).append('\n');
    }
    out.append('\n').append(bold(plan.summary())).append('\n');
    plan.warnings().forEach(w -> out.append("\nWarning: ").append(w).append(".\n"));
    return out.toString();
  }

  private void attribute(StringBuilder out, AttributeChange a, int width) {
    String name = pad(a.name(), width);
    List<String> before = a.before();
    List<String> after = a.after();
    boolean list = a.list() || before.size() > 1 || after.size() > 1;
    if (!list) {
      if (before.isEmpty()) {
        out.append("      ")
            .append(paint("+", Action.CREATE))
            .append(' ')
            .append(name)
            .append(" = ")
            .append(value(after, a))
            .append('\n');
      } else if (after.isEmpty()) {
        out.append("      ")
            .append(paint("-", Action.DELETE))
            .append(' ')
            .append(name)
            .append(" = ")
            .append(value(before, a))
            .append(" -> null\n");
      } else {
        out.append("      ")
            .append(paint("~", Action.UPDATE))
            .append(' ')
            .append(name)
            .append(" = ")
            .append(value(before, a))
            .append(" -> ")
            .append(value(after, a))
            .append(a.why().isEmpty() ? "" : "  # " + a.why())
            .append('\n');
      }
      return;
    }
    // lists diff element by element: kept elements plain, removed '-', added '+'
    String symbol =
        before.equals(after) ? " " : before.isEmpty() ? "+" : after.isEmpty() ? "-" : "~";
    Action action =
        before.isEmpty() ? Action.CREATE : after.isEmpty() ? Action.DELETE : Action.UPDATE;
    out.append("      ").append(paint(symbol, action)).append(' ').append(name).append(" = [\n");
    for (String v : before) {
      if (!after.contains(v)) {
        out.append("          ")
            .append(paint("-", Action.DELETE))
            .append(' ')
            .append(quote(v))
            .append(",\n");
      }
    }
    for (String v : after) {
      if (before.contains(v)) {
        out.append("            ").append(quote(v)).append(",\n");
      } else {
        out.append("          ")
            .append(paint("+", Action.CREATE))
            .append(' ')
            .append(quote(v))
            .append(",\n");
      }
    }
    out.append("        ]\n");
  }

  private static String value(List<String> values, AttributeChange a) {
    if (a.sensitive()) {
      return "(sensitive)";
    }
    return values.size() == 1
        ? quote(values.get(0))
        : "[" + String.join(", ", values.stream().map(TextRenderer::quote).toList()) + "]";
  }

  static String quote(String v) {
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private String paint(String text, Action action) {
    if (!color) {
      return text;
    }
    String code =
        switch (action) {
          case CREATE -> "32";
          case UPDATE -> "33";
          case DELETE -> "31";
        };
    return "\u001b[" + code + "m" + text + "\u001b[0m";
  }

  private String bold(String text) {
    return color ? "\u001b[1m" + text + "\u001b[0m" : text;
  }

  private String diffLine(String line) {
    if (!color) {
      return line;
    }
    if (line.startsWith("+++") || line.startsWith("---")) {
      return bold(line);
    }
    if (line.startsWith("+")) {
      return paint(line, Action.CREATE);
    }
    if (line.startsWith("-")) {
      return paint(line, Action.DELETE);
    }
    if (line.startsWith("@@")) {
      return "\u001b[36m" + line + "\u001b[0m";
    }
    return line;
  }
}
