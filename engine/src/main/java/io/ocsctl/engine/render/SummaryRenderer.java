package io.ocsctl.engine.render;

import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ResourceChange;
import io.ocsctl.engine.plan.ServerAction;

/**
 * {@code plan -summary}: one line per changed resource with its action and live effect, then one
 * per address apply will unban (work on the running server that changes no resource), nothing else.
 */
public final class SummaryRenderer {
  private SummaryRenderer() {}

  public static String render(Plan plan) {
    plan = PrintablePlan.of(plan);
    StringBuilder out = new StringBuilder();
    int width =
        plan.resources().stream().mapToInt(r -> r.address().toString().length()).max().orElse(0);
    for (ResourceChange r : plan.resources()) {
      String address = r.address().toString();
      out.append(r.action().symbol)
          .append(' ')
          .append(address)
          .append(" ".repeat(width - address.length()))
          .append("  ")
          .append(String.format("%-6s", JsonRenderer.action(r.action())));
      String effects = r.effectLabels(",");
      if (!effects.isEmpty()) {
        out.append("  ").append(effects);
      }
      out.append('\n');
    }
    plan.actionsOf(ServerAction.LiftBan.class)
        .forEach(b -> out.append(b.unban().describe()).append('\n'));
    plan.canary().flatMap(ServerAction::shown).ifPresent(c -> out.append(c).append('\n'));
    // -target: the one warning a summary carries, as a reviewer must not miss what is left out
    plan.targets().warning().ifPresent(w -> out.append("Warning: ").append(w).append(".\n"));
    return out.toString();
  }
}
