package io.ocsctl.cli;

import io.ocsctl.engine.Seams;
import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.apply.Recovery;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.SavedPlan;
import io.ocsctl.engine.render.JsonRenderer;
import io.ocsctl.engine.render.MarkdownRenderer;
import io.ocsctl.engine.render.SummaryRenderer;
import io.ocsctl.engine.render.TextRenderer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    description =
        "Show what apply would change on the live server, resource by resource and line by line.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (with -detailed-exitcode: no changes)",
      "1:error; with -json, JSON diagnostics on stdout (docs/cli.md)",
      "2:-detailed-exitcode: changes present"
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TargetOptions target;
  @Mixin OcctlSocketOption occtlSocket;
  @Mixin TargetingOptions targeting;

  @Option(
      names = {"-detailed-exitcode", "--detailed-exitcode"},
      description = "Exit 0 when there are no changes, 2 when there are, 1 on error.")
  boolean detailedExitCode;

  @Option(
      names = {"-no-color", "--no-color"},
      description = "No ANSI colours.")
  boolean noColor;

  @Option(
      names = {"-verify", "--verify"},
      description = "Show the canary login apply -verify makes after the change (docs/canary.md).")
  boolean verify;

  @Option(
      names = {"-out", "--out"},
      paramLabel = "PLANFILE",
      description =
          "Save the plan for 'ocsctl apply PLANFILE' (mode 0600: it carries password hashes).")
  Path out;

  @ArgGroup(exclusive = true)
  Format format = new Format();

  static final class Format {
    @Option(
        names = {"-json", "--json"},
        description = "Print the plan as JSON (docs/plan.schema.json).")
    boolean json;

    @Option(
        names = {"-markdown", "--markdown"},
        description = "Print the plan as a pull-request comment.")
    boolean markdown;

    @Option(
        names = {"-summary", "--summary"},
        description = "One line per changed resource: action and live effect.")
    boolean summary;
  }

  @Option(
      names = {"-expiring-within", "--expiring-within"},
      paramLabel = "DURATION",
      converter = Durations.class,
      defaultValue = "7d",
      description =
          "List the users whose account ends within this long (7d, 48h, 2w; default: ${DEFAULT-VALUE}; 0d: none).")
  java.time.Duration expiringWithin;

  @Option(
      names = {"-markdown-split", "--markdown-split"},
      paramLabel = "N",
      description =
          "With -markdown: write parts of at most N characters to ocsctl-plan-1.md, -2.md, ... instead of truncating diffs.")
  Integer markdownSplit;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    try {
      Workflow.Target t = targeting.apply(target.target());
      Recovery.run(t.stateDir())
          .ifPresent(
              r ->
                  spec.commandLine()
                      .getErr()
                      .println("Recovered an interrupted apply: " + r.action()));
      Workflow.Planned planned =
          Workflow.plan(
              t,
              occtlSocket.options().withVerify(verify),
              Seams.real(t.env()),
              java.util.Map.of(),
              expiringWithin);
      planned
          .loaded()
          .warnings()
          .forEach(w -> spec.commandLine().getErr().println(w.render("warning")));
      Plan plan = planned.plan();
      if (format.json) {
        stdout.print(JsonRenderer.render(plan));
      } else if (format.markdown) {
        markdown(plan, stdout);
      } else if (format.summary) {
        stdout.print(SummaryRenderer.render(plan));
      } else {
        stdout.print(new TextRenderer(Colors.enabled(noColor)).render(plan));
      }
      if (out != null) {
        new SavedPlan(t.root(), t.configPath(), t.desired(), plan).write(out);
        spec.commandLine()
            .getErr()
            .println(
                "Saved the plan to "
                    + out
                    + " (mode 0600: it carries password hashes). Apply it with: ocsctl apply -f "
                    + t.desired()
                    + (t.root().toAbsolutePath().normalize().getParent() == null
                        ? ""
                        : " --root " + t.root())
                    + " "
                    + out
                    + (t.targets().all() ? "" : " (it keeps its -target addresses)"));
      }
      stdout.flush();
      return detailedExitCode && plan.hasChanges() ? 2 : 0;
    } catch (Exception e) {
      return Failures.report(e, spec, format.json);
    }
  }

  private void markdown(Plan plan, PrintWriter stdout) throws java.io.IOException {
    if (markdownSplit == null) {
      stdout.print(MarkdownRenderer.render(plan, MarkdownRenderer.GITHUB_LIMIT));
      return;
    }
    List<String> parts = MarkdownRenderer.renderParts(plan, markdownSplit);
    for (int i = 0; i < parts.size(); i++) {
      Path file = Main.inWorkDir("ocsctl-plan-" + (i + 1) + ".md");
      Files.writeString(file, parts.get(i), StandardCharsets.UTF_8);
      stdout.println(file);
    }
  }
}
