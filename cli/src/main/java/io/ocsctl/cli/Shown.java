package io.ocsctl.cli;

import io.ocsctl.engine.Failure;
import io.ocsctl.engine.apply.Applier;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.render.TextRenderer;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Function;

/**
 * How apply and rollback follow {@link Applier}: the plan on stdout, recoveries and warnings on
 * stderr.
 */
record Shown(
    PrintWriter out,
    PrintWriter err,
    TextRenderer renderer,
    Function<Plan, Optional<Failure>> approval)
    implements Applier.Listener {
  @Override
  public void recovered(String what) {
    err.println("Recovered an interrupted apply: " + what);
  }

  @Override
  public void planned(Plan plan) {
    out.print(renderer.render(plan));
  }

  @Override
  public Optional<Failure> refusal(Plan plan) {
    return approval.apply(plan);
  }

  @Override
  public void warning(String warning) {
    err.println("warning: " + warning);
  }
}
