package io.ocsctl.engine.importer;

import io.ocsctl.engine.TempTrees;
import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.Planner;
import io.ocsctl.engine.plan.ScriptCheck;
import io.ocsctl.providers.Fingerprint;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.validate.SemanticValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ocsctl import}: reads a live server, writes the desired state that describes it (groups'
 * and users' firewall settings as policies, see {@link FirewallFolding}), and proves the
 * description by loading it back and planning it against the same live state, which must say "No
 * changes.".
 */
public final class Import {
  private Import() {}

  /**
   * The imported file and what checking it found. {@code problems} are validation errors of the
   * file (with lines of {@code text}) that must be fixed by hand before {@code plan} accepts it,
   * such as an option ocsctl does not know; {@code check} is the plan of the file against the tree
   * it came from.
   */
  public record Result(
      String text,
      DesiredState state,
      List<Diagnostic> problems,
      Plan check,
      List<String> warnings) {
    public Result {
      problems = List.copyOf(problems);
      warnings = List.copyOf(warnings);
    }

    public Result(String text, DesiredState state, List<Diagnostic> problems, Plan check) {
      this(text, state, problems, check, List.of());
    }

    /** Whether planning the file against its tree changes nothing. */
    public boolean exact() {
      return !check.hasChanges();
    }
  }

  /**
   * Reads the server under {@code root} and describes it; {@code displayName} names the output in
   * problems.
   */
  public static Result run(Path root, String configPath, ImportFormat format, String displayName)
      throws MalformedFileException, ImportException {
    LiveState live = LiveReader.read(root, configPath, Settings.EMPTY);
    if (Fingerprint.isAbsent(live.fingerprints().get(live.paths().config()))) {
      throw new ImportException(
          "there is no " + configPath + " under " + live.root().root(),
          "pass the server's file tree with --root, or the config's path inside it with --config");
    }
    DesiredState state = FirewallFolding.fold(Importer.fromLive(live));
    String text = format.render(state, header(live));
    return check(text, state, live, format, displayName);
  }

  private static List<String> header(LiveState live) {
    return List.of(
        "Imported by 'ocsctl import' from "
            + live.root().display(live.paths().config())
            + " and the files it names.",
        "It holds the users' password hashes: keep it as private as the ocpasswd file.",
        "Review it, commit it, then 'ocsctl plan' must say \"No changes.\"");
  }

  /** Loads {@code text} as the loader would read the written file, validates it and plans it. */
  static Result check(
      String text, DesiredState state, LiveState live, ImportFormat format, String displayName)
      throws ImportException {
    Path dir = null;
    try {
      dir = TempTrees.create("ocsctl-import");
      Path file = dir.resolve("imported." + format.extension());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      DesiredStateLoader.Loaded loaded;
      try {
        loaded = DesiredStateLoader.load(file);
      } catch (InvalidInputException e) {
        Diagnostic first = e.diagnostics().get(0);
        throw new ImportException(
            "the "
                + format.name()
                + " written for this server does not load back (line "
                + first.line()
                + "): "
                + first.message(),
            format == ImportFormat.HCL
                ? "try -format yaml, and report this as an ocsctl bug"
                : "report this as an ocsctl bug");
      }
      SemanticValidator.Result checked = SemanticValidator.check(loaded.state(), loaded.origins());
      List<Diagnostic> problems = new ArrayList<>(renamed(checked.errors(), displayName));
      if (problems.isEmpty()) {
        // every check plan runs: a script the config names must exist under the root
        try {
          ScriptCheck.check(loaded.state(), loaded.origins(), live.root());
        } catch (InvalidInputException e) {
          problems.addAll(renamed(e.diagnostics(), displayName));
        }
      }
      List<String> warnings = new ArrayList<>(LiveNotes.of(live));
      renamed(checked.warnings(), displayName).forEach(w -> warnings.add(w.render("warning")));
      Plan plan = Planner.plan(loaded.state(), live, new Passwords(dir, Map.of()), "");
      return new Result(text, state, problems, plan, warnings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary file to check the import", e);
    } catch (Passwords.SecretUnavailableException e) {
      throw new IllegalStateException("an imported state holds only password hashes", e);
    } finally {
      delete(dir);
    }
  }

  private static List<Diagnostic> renamed(List<Diagnostic> diagnostics, String displayName) {
    return diagnostics.stream()
        .map(
            d ->
                new Diagnostic(
                    displayName, d.line(), d.column(), d.message(), d.hint(), d.excerpt()))
        .toList();
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      TempTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the temporary directory " + dir, e);
    }
  }
}
