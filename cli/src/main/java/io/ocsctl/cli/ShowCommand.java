package io.ocsctl.cli;

import io.ocsctl.engine.plan.SavedPlan;
import io.ocsctl.engine.render.JsonRenderer;
import io.ocsctl.engine.render.TextRenderer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "show",
    description = "Print a plan saved with 'plan -out', as text or JSON (secrets stay masked).")
final class ShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PLANFILE")
  Path planFile;

  @Option(
      names = {"-json", "--json"},
      description = "JSON, as 'plan -json' prints it.")
  boolean json;

  @Option(
      names = {"-no-color", "--no-color"},
      description = "No ANSI colours.")
  boolean noColor;

  @Override
  public Integer call() {
    try {
      SavedPlan saved = SavedPlan.read(planFile);
      spec.commandLine()
          .getOut()
          .print(
              json
                  ? JsonRenderer.render(saved.plan())
                  : new TextRenderer(Colors.enabled(noColor)).render(saved.plan()));
      return 0;
    } catch (SavedPlan.UnreadableException e) {
      return Failures.report(
          new io.ocsctl.engine.Failure.Failed(
              new io.ocsctl.engine.Failure.Other(
                  e.getMessage(), "make a new plan with 'ocsctl plan -out FILE'")),
          spec,
          json);
    }
  }
}
