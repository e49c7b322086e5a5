package io.ocsctl.cli;

import io.ocsctl.engine.Validation;
import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.DesiredStateLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    description = "Check a desired-state file: syntax, schema, options and references.")
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

  @Override
  public Integer call() {
    try {
      DesiredStateLoader.Loaded loaded = DesiredStates.load(file);
      loaded.warnings().forEach(w -> spec.commandLine().getErr().println(w.render("warning")));
      if (!noOcservCheck) {
        for (String warning : Validation.ocservCheck(loaded, root)) {
          spec.commandLine().getErr().println("warning: " + warning);
        }
      }
      var s = loaded.state();
      spec.commandLine()
          .getOut()
          .printf(
              "Success! The desired state is valid (%d users, %d groups, %d vhosts).%n",
              s.users().size(), s.groups().size(), s.vhosts().size());
      return 0;
    } catch (InvalidInputException | java.io.IOException e) {
      return Failures.report(e, spec.commandLine().getErr());
    }
  }
}
