package io.ocsctl.cli;

import io.ocsctl.providers.write.AtomicFiles;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.fleet.FleetLoader;
import io.ocsctl.schema.fleet.HostRender;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.load.ParseCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ocsctl render -host NAME -o FILE}: a fleet host's complete desired state as one file (what
 * the Ansible role copies to the host), in canonical form, written atomically with mode 0600 (it
 * carries password hashes). The host is checked as {@code validate -host} checks it first.
 */
@Command(
    name = "render",
    description = "Write one fleet host's complete desired state as a single file (docs/fleet.md).")
final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FleetFileOption file;

  @Option(
      names = {"-host", "--host"},
      required = true,
      paramLabel = "NAME",
      description = "The host of the fleet to render.")
  String host;

  @Option(
      names = {"-o", "-out", "--out"},
      required = true,
      paramLabel = "FILE",
      description = "Where to write it: *.hcl or *.yaml picks the format; - for standard output.")
  String out;

  @Override
  public Integer call() {
    try {
      DesiredStateLoader.Loaded loaded = FleetLoader.load(file.fleet, host, ParseCache.NONE);
      loaded.warnings().forEach(w -> spec.commandLine().getErr().println(w.render("warning")));
      String name = out.equals("-") ? host + ".hcl" : out;
      if (!out.equals("-") && !name.endsWith(".hcl") && !DesiredStateLoader.isYaml(Path.of(name))) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "-o " + out + ": name the file *.hcl, *.yaml or *.yml");
      }
      String text =
          HostRender.render(
              name,
              loaded.state(),
              List.of(
                  "Host "
                      + host
                      + " of "
                      + loaded.files().get(0).getFileName()
                      + ", rendered by"
                      + " 'ocsctl render': edit the fleet's files, not this one."));
      if (out.equals("-")) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
      } else {
        AtomicFiles.write(
            Path.of(out),
            text.getBytes(StandardCharsets.UTF_8),
            PosixFilePermissions.fromString("rw-------"));
        spec.commandLine()
            .getErr()
            .printf(
                "Rendered host %s to %s (%d users, %d groups, %d vhosts).%n",
                host,
                out,
                loaded.state().users().size(),
                loaded.state().groups().size(),
                loaded.state().vhosts().size());
      }
      return 0;
    } catch (InvalidInputException | java.io.IOException e) {
      return Failures.report(e, spec.commandLine().getErr());
    }
  }
}
