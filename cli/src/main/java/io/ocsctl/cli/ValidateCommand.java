package io.ocsctl.cli;

import io.ocsctl.engine.Validation;
import io.ocsctl.engine.render.DiagnosticsRenderer;
import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.DesiredStateLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    description = "Check a desired-state file: syntax, schema, options and references.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:valid (warnings allowed)", "1:invalid, or the check failed"})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "-file", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "Desired-state file (*.hcl, *.yaml) or a directory of them.")
  Path file;

  @Option(
      names = {"-root", "--root"},
      paramLabel = "DIR",
      defaultValue = "/",
      description =
          "Where the files named in the config (certificates) are, for 'ocserv -t' (default: /).")
  Path root;

  @Option(
      names = {"-no-ocserv-check", "--no-ocserv-check"},
      description = "Skip 'ocserv -t'.")
  boolean noOcservCheck;

  @Option(
      names = {"-json", "--json"},
      description =
          "Print the diagnostics as JSON (valid, error_count, warning_count, diagnostics[]:"
              + " severity, summary, file, line, column, fix; docs/cli.md).")
  boolean json;

  @Override
  public Integer call() {
    try {
      DesiredStateLoader.Loaded loaded = DesiredStates.load(file);
      List<Diagnostic> warnings = new ArrayList<>(loaded.warnings());
      if (!noOcservCheck) {
        for (String warning : Validation.ocservCheck(loaded, root)) {
          warnings.add(new Diagnostic(file.toString(), 0, 0, warning, "", ""));
        }
      }
      if (json) {
        spec.commandLine().getOut().print(DiagnosticsRenderer.validation(List.of(), warnings));
        return 0;
      }
      warnings.forEach(w -> spec.commandLine().getErr().println(w.render("warning")));
      var s = loaded.state();
      spec.commandLine()
          .getOut()
          .printf(
              "Success! The desired state is valid (%d users, %d groups, %d vhosts).%n",
              s.users().size(), s.groups().size(), s.vhosts().size());
      return 0;
    } catch (InvalidInputException e) {
      if (json) {
        spec.commandLine()
            .getOut()
            .print(DiagnosticsRenderer.validation(e.diagnostics(), List.of()));
        return 1;
      }
      return Failures.report(e, spec.commandLine().getErr());
    } catch (java.io.IOException e) {
      return Failures.report(e, spec, json);
    }
  }
}
