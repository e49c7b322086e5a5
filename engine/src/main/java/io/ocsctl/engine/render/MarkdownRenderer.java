package io.ocsctl.engine.render;

import io.ocsctl.engine.plan.AttributeChange;
import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ResourceChange;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plan -markdown}: a pull-request comment. The summary line first, a table of resource
 * changes, the side effects, then one collapsible {@code <details>} per file diff. GitHub refuses
 * comments over 65,536 characters: {@link #render} truncates diffs to fit and says so; {@link
 * #renderParts} splits into numbered parts instead.
 */
public final class MarkdownRenderer {
  public static final int GITHUB_LIMIT = 65_536;
  private static final String TRUNCATED =
      "\n_Diffs truncated to fit a GitHub comment. Run `ocsctl plan` (or `-markdown-split N`) to see them whole._\n";

  private MarkdownRenderer() {}

  /**
   * One comment of at most {@code limit} characters; diffs that do not fit are left out with a
   * note.
   */
  public static String render(Plan plan, int limit) {
    plan = PrintablePlan.of(plan);
    String head = head(plan);
    List<String> diffs = diffs(plan);
    StringBuilder out = new StringBuilder(head);
    boolean truncated = false;
    for (String diff : diffs) {
      if (out.length() + diff.length() + TRUNCATED.length() > limit) {
        truncated = true;
        break;
      }
      out.append(diff);
    }
    if (truncated) {
      out.append(TRUNCATED);
    }
    return out.toString();
  }

  /** The whole plan split into numbered parts of at most {@code limit} characters each. */
  public static List<String> renderParts(Plan plan, int limit) {
    plan = PrintablePlan.of(plan);
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder(head(plan));
    for (String diff : diffs(plan)) {
      if (current.length() + diff.length() > limit - 40 && current.length() > 0) {
        parts.add(current.toString());
        current = new StringBuilder();
      }
      if (diff.length() > limit - 40) {
        diff =
            diff.substring(0, limit - 200)
                + "\n```\n_(this diff is longer than one part; truncated)_\n</details>\n";
      }
      current.append(diff);
    }
    parts.add(current.toString());
    List<String> numbered = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      numbered.add(
          (parts.size() > 1 ? "_Part " + (i + 1) + " of " + parts.size() + "_\n\n" : "")
              + parts.get(i));
    }
    return numbered;
  }

  private static String head(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("### ocsctl plan: ").append(plan.summary()).append("\n\n");
    if (!plan.hasChanges()) {
      out.append(
          plan.targets().all()
              ? "The live server matches the desired state.\n"
              : "The targeted resources match the desired state.\n");
      plan.targets()
          .warning()
          .ifPresent(w -> out.append("\n> **Warning:** ").append(escape(w)).append('\n'));
      plan.notes().forEach(note -> out.append("\n> **Note:** ").append(escape(note)).append('\n'));
      return out.toString();
    }
    if (!plan.resources().isEmpty()) {
      out.append("| | Resource | Action | Changes | Live effect |\n|---|---|---|---|---|\n");
    }
    for (ResourceChange r : plan.resources()) {
      out.append("| ")
          .append(r.action().symbol)
          .append(" | `")
          .append(r.address())
          .append("` | ")
          .append(JsonRenderer.action(r.action()))
          .append(" | ")
          .append(changes(r))
          .append(" | ")
          .append(r.effectLabels(", "))
          .append(" |\n");
    }
    if (!plan.sideEffects().isEmpty()) {
      out.append(plan.resources().isEmpty() ? "" : "\n").append("**Apply will also:**\n");
      plan.sideEffects().forEach(e -> out.append("- ").append(escape(e)).append('\n'));
    }
    for (String warning : plan.warnings()) {
      out.append("\n> **Warning:** ").append(escape(warning)).append('\n');
    }
    for (String note : plan.notes()) {
      out.append("\n> **Note:** ").append(escape(note)).append('\n');
    }
    out.append('\n');
    return out.toString();
  }

  /** The changed attributes of {@code r} as one table cell (with why, at most 200 characters). */
  static String changes(ResourceChange r) {
    List<String> names = new ArrayList<>();
    for (AttributeChange a : r.attributes()) {
      names.add("`" + a.name() + "`" + (a.why().isEmpty() ? "" : " (" + escape(a.why()) + ")"));
    }
    String joined = String.join(", ", names);
    return joined.length() > 200 ? joined.substring(0, 197) + "..." : joined;
  }

  private static List<String> diffs(Plan plan) {
    List<String> out = new ArrayList<>();
    for (FileChange f : plan.files()) {
      StringBuilder d = new StringBuilder();
      d.append("<details><summary><code>")
          .append(escape(f.path()))
          .append("</code> (")
          .append(f.isCreate() ? "new file" : f.isDelete() ? "deleted" : "changed")
          .append(")</summary>\n\n```diff\n");
      for (String line : FileDiffs.unified(f)) {
        d.append(line.replace("```", "`\u200b``")).append('\n');
      }
      d.append("```\n</details>\n");
      out.add(d.toString());
    }
    return out;
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }
}
