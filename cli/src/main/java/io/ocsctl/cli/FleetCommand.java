package io.ocsctl.cli;

import io.ocsctl.engine.fleet.FleetPlan;
import io.ocsctl.engine.render.FleetRenderer;
import io.ocsctl.engine.render.MarkdownRenderer;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.Printable;
import io.ocsctl.schema.fleet.Fleet;
import io.ocsctl.schema.fleet.FleetLoader;
import io.ocsctl.schema.load.ParseCache;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocsctl fleet validate|plan}: every host of a fleet at once (docs/fleet.md). */
@Command(
    name = "fleet",
    description = "Check or plan every host of a fleet (docs/fleet.md).",
    subcommands = {
      FleetCommand.Validate.class,
      FleetCommand.PlanAll.class,
      FleetCommand.RenderAll.class
    })
final class FleetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Every host loaded and checked; every error of every host printed. */
  @Command(name = "validate", description = "Check every host of the fleet.")
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin FleetFileOption file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Map<String, List<Diagnostic>> all =
            new FleetLoader(Fleet.load(file.fleet), ParseCache.NONE).validateAll();
        int failed = 0;
        for (Map.Entry<String, List<Diagnostic>> e : all.entrySet()) {
          if (e.getValue().isEmpty()) {
            out.println("ok      " + e.getKey());
          } else {
            failed++;
            out.println("invalid " + e.getKey());
            e.getValue().forEach(d -> err.println(Printable.text(d.render())));
          }
        }
        out.printf(
            failed == 0
                ? "Success! All %d hosts are valid.%n"
                : "%2$d of %1$d hosts are invalid.%n",
            all.size(),
            failed);
        return failed == 0 ? 0 : 1;
      } catch (InvalidInputException e) {
        return Failures.report(e, err);
      }
    }
  }

  /**
   * Every host planned against its tree under {@code -live DIR}; exit 2 on changes with
   * -detailed-exitcode.
   */
  @Command(
      name = "plan",
      description =
          "Plan every host against its live tree LIVE/NAME; one Markdown comment with -markdown.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:no host changes (or changes without -detailed-exitcode)",
        "1:a host could not be planned",
        "2:-detailed-exitcode: some host changes"
      })
  static final class PlanAll implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin FleetFileOption file;

    @Option(
        names = {"-live", "--live"},
        required = true,
        paramLabel = "DIR",
        description = "One live tree per host: DIR/NAME is host NAME's root.")
    Path live;

    @Option(
        names = {"-config", "--config"},
        paramLabel = "PATH",
        defaultValue = LiveReader.DEFAULT_CONFIG,
        description = "Path of ocserv.conf inside each root (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(
        names = {"-markdown", "--markdown"},
        description = "Print one pull-request comment for the whole fleet.")
    boolean markdown;

    @Option(
        names = {"-detailed-exitcode", "--detailed-exitcode"},
        description = "Exit 2 when some host changes.")
    boolean detailedExitCode;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        List<FleetPlan.HostPlan> hosts =
            FleetPlan.plan(file.fleet, live, config, Main.context().env());
        out.print(
            markdown
                ? FleetRenderer.markdown(hosts, MarkdownRenderer.GITHUB_LIMIT)
                : FleetRenderer.text(hosts));
        out.flush();
        if (hosts.stream().anyMatch(h -> h.plan().isEmpty())) {
          return 1;
        }
        return detailedExitCode && hosts.stream().anyMatch(FleetPlan.HostPlan::changes) ? 2 : 0;
      } catch (InvalidInputException e) {
        return Failures.report(e, spec.commandLine().getErr());
      }
    }
  }

  /**
   * Every host rendered into {@code -o DIR} as {@code NAME.hcl} (or {@code .yaml}), mode 0600, in
   * one run: the shared files are parsed once. An invalid host is reported and not written.
   */
  @Command(name = "render", description = "Write every host's complete desired state into DIR.")
  static final class RenderAll implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin FleetFileOption file;

    @Option(
        names = {"-o", "-out", "--out"},
        required = true,
        paramLabel = "DIR",
        description = "The directory to write NAME.hcl (or NAME.yaml) into.")
    Path dir;

    @Option(
        names = {"-format", "--format"},
        paramLabel = "hcl|yaml",
        defaultValue = "hcl",
        description = "The format of the files (default: hcl).")
    String format;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      if (!format.equals("hcl") && !format.equals("yaml")) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "-format: hcl or yaml");
      }
      try {
        FleetLoader loader = new FleetLoader(Fleet.load(file.fleet), ParseCache.NONE);
        java.nio.file.Files.createDirectories(dir);
        int failed = 0;
        for (String host : loader.fleet().hosts().keySet()) {
          Path out = dir.resolve(host + "." + format);
          try {
            var loaded = loader.load(host);
            String text =
                io.ocsctl.schema.fleet.HostRender.render(
                    out.toString(),
                    loaded.state(),
                    List.of(
                        "Host "
                            + host
                            + " of "
                            + loader.fleet().file().getFileName()
                            + ", rendered by 'ocsctl fleet render': edit the fleet's files, not"
                            + " this one."));
            io.ocsctl.providers.write.AtomicFiles.write(
                out,
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            spec.commandLine().getOut().println(out);
          } catch (InvalidInputException e) {
            failed++;
            e.diagnostics().forEach(d -> err.println(Printable.text(d.render())));
          }
        }
        spec.commandLine().getOut().flush();
        return failed == 0 ? 0 : 1;
      } catch (InvalidInputException | java.io.IOException e) {
        return Failures.report(e, err);
      }
    }
  }
}
