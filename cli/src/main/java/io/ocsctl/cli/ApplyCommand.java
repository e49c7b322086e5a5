package io.ocsctl.cli;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.apply.Applier;
import io.ocsctl.engine.apply.Preflight;
import io.ocsctl.engine.render.TextRenderer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", description = "Make the live server match the desired state, exactly as the plan shows.")
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TargetOptions target;

  @Option(names = {"-auto-approve", "--auto-approve"}, description = "Apply without asking for confirmation.")
  boolean autoApprove;

  @Option(names = {"-no-color", "--no-color"}, description = "No ANSI colours.")
  boolean noColor;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Workflow.Planned planned = Workflow.plan(target.target());
      out.print(new TextRenderer(Colors.enabled(noColor)).render(planned.plan()));
      if (!planned.plan().hasChanges()) {
        return 0;
      }
      if (!autoApprove) {
        out.print("\nDo you want to perform these actions?\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(Main.context().in(), StandardCharsets.UTF_8)).readLine();
        if (!"yes".equals(answer == null ? null : answer.strip())) {
          spec.commandLine().getErr().println("\nApply cancelled; nothing was changed.");
          return 1;
        }
      }
      for (String warning : Preflight.check(planned.plan(), planned.live()).warnings()) {
        spec.commandLine().getErr().println("warning: " + warning);
      }
      Applier.apply(planned.plan());
      var plan = planned.plan();
      out.printf("%nApply complete! Resources: %d added, %d changed, %d destroyed.%n",
          plan.count(io.ocsctl.engine.plan.Action.CREATE), plan.count(io.ocsctl.engine.plan.Action.UPDATE),
          plan.count(io.ocsctl.engine.plan.Action.DELETE));
      return 0;
    } catch (Exception e) {
      return Failures.report(e, spec.commandLine().getErr());
    }
  }
}
