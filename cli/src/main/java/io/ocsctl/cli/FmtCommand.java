package io.ocsctl.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.format.Formatter;
import io.ocsctl.schema.load.DesiredStateLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ocsctl fmt}: rewrites desired-state files in canonical form, each atomically (a temporary
 * file beside it, then a rename). Prints the name of every file that is (or, with -check, would be)
 * changed. Exit codes: 0 all canonical or rewritten, 1 a file cannot be read or formatted (nothing
 * of it is written), 3 with -check: some file is not canonical.
 */
@Command(
    name = "fmt",
    description = "Rewrite desired-state files in canonical form (see docs/format.md).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file is canonical (or was rewritten)",
      "1:a file could not be formatted",
      "3:-check: some file is not canonical"
    })
final class FmtCommand implements Callable<Integer> {
  static final int NOT_CANONICAL = 3;

  @Spec CommandSpec spec;

  @Option(
      names = {"-check", "--check"},
      description = "Change nothing; exit 3 when a file is not canonical.")
  boolean check;

  @Option(
      names = {"-diff", "--diff"},
      description = "Print a unified diff of each change.")
  boolean diff;

  @Option(
      names = {"-recursive", "--recursive"},
      description =
          "Also format the files in subdirectories (hidden ones, like .git, are skipped).")
  boolean recursive;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = {
        "Desired-state files (*.hcl, *.yaml, *.yml), or directories of them (default: the current",
        "directory). '-' reads HCL from stdin and writes the canonical text to stdout."
      })
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() {
    if (paths.contains("-")) {
      return stdin();
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Diagnostic> errors = new ArrayList<>();
    boolean changed = false;
    for (Path file : files(errors)) {
      try {
        String name = file.toString();
        byte[] bytes = Files.readAllBytes(file);
        String text = DesiredStateLoader.decode(name, bytes);
        String formatted = Formatter.format(name, text);
        if (formatted.equals(new String(bytes, StandardCharsets.UTF_8))) {
          continue;
        }
        changed = true;
        out.println(name);
        if (diff) {
          printDiff(out, name, text, formatted);
        }
        if (!check) {
          writeAtomically(file, formatted);
        }
      } catch (InvalidInputException e) {
        errors.addAll(e.diagnostics());
      } catch (NoSuchFileException e) {
        errors.add(
            new Diagnostic(
                file.toString(), 0, 0, "no such file or directory", "check the path", ""));
      } catch (IOException e) {
        errors.add(
            new Diagnostic(
                file.toString(),
                0,
                0,
                "cannot read or write: " + e.getMessage(),
                "check the file's permissions",
                ""));
      }
    }
    out.flush();
    if (!errors.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      errors.forEach(d -> err.println(d.render()));
      err.println();
      err.println(
          errors.size()
              + " error"
              + (errors.size() == 1 ? "" : "s")
              + "; the files in error were left as they are.");
      return 1;
    }
    return check && changed ? NOT_CANONICAL : 0;
  }

  /**
   * {@code fmt -}: stdin (read as HCL) to stdout, as {@code terraform fmt -}. With -check nothing
   * is printed (exit 3 when not canonical); with -diff only the diff.
   */
  private int stdin() {
    PrintWriter out = spec.commandLine().getOut();
    if (paths.size() > 1) {
      spec.commandLine().getErr().println("error: '-' (stdin) cannot be combined with files");
      return 1;
    }
    String name = "<stdin>";
    try {
      byte[] bytes = Main.context().in().readAllBytes();
      String text = DesiredStateLoader.decode(name, bytes);
      String formatted = Formatter.format(name, text);
      boolean changed = !formatted.equals(text);
      if (diff) {
        if (changed) {
          printDiff(out, name, text, formatted);
        }
      } else if (!check) {
        out.print(formatted);
      }
      out.flush();
      return check && changed ? NOT_CANONICAL : 0;
    } catch (InvalidInputException e) {
      PrintWriter err = spec.commandLine().getErr();
      e.diagnostics().forEach(d -> err.println(d.render()));
      return 1;
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: cannot read stdin: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The files named, a directory standing for its *.hcl, *.yaml and *.yml files (sorted; with
   * -recursive those of its subdirectories too, hidden ones skipped).
   */
  private List<Path> files(List<Diagnostic> errors) {
    List<Path> files = new ArrayList<>();
    List<Path> named =
        paths.isEmpty()
            ? List.of(Main.inWorkDir(""))
            : paths.stream().map(Main::inWorkDir).toList();
    for (Path path : named) {
      if (!Files.isDirectory(path)) {
        files.add(path);
        continue;
      }
      try (Stream<Path> entries = recursive ? Files.walk(path) : Files.list(path)) {
        entries
            .filter(p -> !hidden(path, p))
            .filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".hcl") || DesiredStateLoader.isYaml(p))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        errors.add(
            new Diagnostic(
                path.toString(),
                0,
                0,
                "cannot list the directory: " + e.getMessage(),
                "check its permissions",
                ""));
      }
    }
    return files;
  }

  /** Whether {@code p} is in (or is) a hidden directory below {@code top}, such as .git. */
  private static boolean hidden(Path top, Path p) {
    Path rel = top.relativize(p);
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      if (rel.getName(i).toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static void printDiff(PrintWriter out, String name, String before, String after) {
    List<String> from = before.lines().toList();
    List<String> to = after.lines().toList();
    UnifiedDiffUtils.generateUnifiedDiff(name, name, from, DiffUtils.diff(from, to), 3)
        .forEach(out::println);
  }

  /** Writes beside the file, fsyncs, keeps its permissions, then renames over it. */
  private static void writeAtomically(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".fmt-tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the default permissions stay
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
