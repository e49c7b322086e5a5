package io.ocsctl.cli;

import io.ocsctl.engine.importer.Import;
import io.ocsctl.engine.importer.ImportException;
import io.ocsctl.engine.importer.ImportFormat;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.schema.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Write the desired-state file that describes a live server exactly (adopt an existing server).",
    footer = {
      "",
      "The file is checked before it is written: planning it against the same server must say"
          + " \"No changes.\". It holds the users' password hashes and is created with mode 0600."
    })
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-root", "--root"},
      paramLabel = "DIR",
      defaultValue = "/",
      description = "Filesystem prefix of the server's files, as in rpm --root (default: /).")
  Path root;

  @Option(
      names = {"-config", "--config"},
      paramLabel = "PATH",
      defaultValue = LiveReader.DEFAULT_CONFIG,
      description = "Path of ocserv.conf inside the root (default: ${DEFAULT-VALUE}).")
  String config;

  @Option(
      names = {"-format", "--format"},
      paramLabel = "hcl|yaml",
      description = "Output format (default: from the -o file name, else hcl).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write to FILE (*.hcl, *.yaml, *.yml; it must not exist yet) instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Optional<ImportFormat> chosen = chosenFormat(err);
      if (chosen.isEmpty()) {
        return 1;
      }
      String name = output == null ? "<stdout>" : output.toString();
      Import.Result result = Import.run(root, config, chosen.get(), name);
      if (!result.exact()) {
        err.println(
            "error: the imported description does not match the server exactly ("
                + result.check().summary()
                + "); nothing was written.");
        result.check().resources().forEach(r -> err.println("  " + r.action() + " " + r.address()));
        result.check().files().forEach(f -> err.println("  file " + f.path()));
        err.println(
            "  = fix: report this as an ocsctl bug, with the lines of the live files named above");
        return 1;
      }
      if (output == null) {
        out.print(result.text());
        out.flush();
      } else {
        write(output, result.text());
      }
      var s = result.state();
      String summary =
          String.format(
              "Imported %d settings, %d vhosts, %d groups and %d users%s.",
              s.server().settings().keys().size(),
              s.vhosts().size(),
              s.groups().size(),
              s.users().size(),
              output == null ? "" : " into " + output);
      (output == null ? err : out).println(summary);
      result
          .warnings()
          .forEach(
              w ->
                  err.println(
                      w.startsWith("warning") || w.contains(": warning: ") ? w : "warning: " + w));
      if (!result.problems().isEmpty()) {
        for (Diagnostic d : result.problems()) {
          err.println(d.render());
        }
        err.println();
        err.println(
            result.problems().size()
                + " problem"
                + (result.problems().size() == 1 ? "" : "s")
                + ": the live server has settings ocsctl does not accept; fix them in the imported file"
                + " (and on the server), or 'ocsctl plan' will refuse it.");
        return 1;
      }
      return 0;
    } catch (ImportException e) {
      err.println("error: " + e.getMessage());
      err.println("  = fix: " + e.hint());
      err.println("Nothing was written.");
      return 1;
    } catch (FileAlreadyExistsException e) {
      err.println("error: " + output + " already exists");
      err.println(
          "  = fix: choose another -o, or remove the file first (import never overwrites a file)");
      return 1;
    } catch (IOException e) {
      err.println("error: cannot write " + output + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      return Failures.report(e, err);
    }
  }

  private Optional<ImportFormat> chosenFormat(PrintWriter err) {
    Optional<ImportFormat> byName = output == null ? Optional.empty() : ImportFormat.of(output);
    if (output != null && byName.isEmpty()) {
      err.println("error: " + output + " is neither *.hcl nor *.yaml/*.yml");
      err.println(
          "  = fix: name the output so that 'ocsctl plan -f' can load it, e.g. desired.hcl");
      return Optional.empty();
    }
    if (format == null) {
      return Optional.of(byName.orElse(ImportFormat.HCL));
    }
    ImportFormat asked;
    try {
      asked = ImportFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("error: unknown format \"" + format + "\"");
      err.println("  = fix: write -format hcl or -format yaml");
      return Optional.empty();
    }
    if (byName.isPresent() && byName.get() != asked) {
      err.println("error: -format " + format + " does not match the file name " + output);
      err.println("  = fix: drop -format, or name the file *." + asked.extension());
      return Optional.empty();
    }
    return Optional.of(asked);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
