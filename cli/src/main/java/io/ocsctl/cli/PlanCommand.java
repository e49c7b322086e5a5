package io.ocsctl.cli;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.render.TextRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", description = "Show what apply would change on the live server, resource by resource and line by line.")
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TargetOptions target;

  @Option(names = {"-detailed-exitcode", "--detailed-exitcode"},
      description = "Exit 0 when there are no changes, 2 when there are, 1 on error.")
  boolean detailedExitCode;

  @Option(names = {"-no-color", "--no-color"}, description = "No ANSI colours.")
  boolean noColor;

  @Override
  public Integer call() {
    try {
      Workflow.Planned planned = Workflow.plan(target.target());
      spec.commandLine().getOut().print(new TextRenderer(Colors.enabled(noColor)).render(planned.plan()));
      spec.commandLine().getOut().flush();
      return detailedExitCode && planned.plan().hasChanges() ? 2 : 0;
    } catch (Exception e) {
      return Failures.report(e, spec.commandLine().getErr());
    }
  }
}
