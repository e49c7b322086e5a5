package io.ocsctl.cli;

import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.DesiredStateLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", description = "Check a desired-state file: syntax, schema, options and references.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-f", "-file", "--file"}, required = true, paramLabel = "FILE",
      description = "Desired-state file (*.hcl, *.yaml) or a directory of them.")
  Path file;

  @Override
  public Integer call() {
    try {
      DesiredStateLoader.Loaded loaded = DesiredStates.load(file);
      var s = loaded.state();
      spec.commandLine().getOut().printf("Success! The desired state is valid (%d users, %d groups, %d vhosts).%n",
          s.users().size(), s.groups().size(), s.vhosts().size());
      return 0;
    } catch (InvalidInputException e) {
      return Failures.report(e, spec.commandLine().getErr());
    }
  }
}
