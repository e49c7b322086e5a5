package io.ocsctl.cli;

import io.ocsctl.engine.Validation;
import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.fleet.FleetLoader;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.load.ParseCache;
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
      paramLabel = "FILE",
      description =
          "Desired-state file (*.hcl, *.yaml) or a directory of them; with -host, the fleet file"
              + " or its directory (default: .).")
  Path file;

  @Option(
      names = {"-host", "--host"},
      paramLabel = "NAME",
      description = "Validate this host of the fleet -f names (docs/fleet.md).")
  String host;

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
      if (file == null && host == null) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "Missing required option: '-f FILE' (the desired-state file or directory)");
      }
      DesiredStateLoader.Loaded loaded =
          host == null
              ? DesiredStates.load(file)
              : FleetLoader.load(file == null ? Path.of(".") : file, host, ParseCache.NONE);
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
