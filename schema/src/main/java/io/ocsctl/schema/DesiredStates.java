package io.ocsctl.schema;

import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.load.ParseCache;
import io.ocsctl.schema.validate.SemanticValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point: load a desired-state file or directory and run every check on it. */
public final class DesiredStates {
  private DesiredStates() {}

  /**
   * Loads and checks {@code path}. Every error of every file is reported at once, in file and line
   * order: a node the schema rejects is left out, and the checks of the model run on the rest.
   */
  public static DesiredStateLoader.Loaded load(Path path) throws InvalidInputException {
    return load(path, ParseCache.NONE);
  }

  /** Like {@link #load(Path)}, reusing the parsed trees of unchanged files from {@code cache}. */
  public static DesiredStateLoader.Loaded load(Path path, ParseCache cache)
      throws InvalidInputException {
    try (DebugLog.Phase phase = DebugLog.phase("desired", "load " + path)) {
      DesiredStateLoader.Loaded loaded = loadChecked(path, cache);
      DebugLog.log(
          "desired",
          () ->
              "read "
                  + loaded.files().size()
                  + " file(s): "
                  + loaded.files()
                  + "; "
                  + loaded.state().users().size()
                  + " users, "
                  + loaded.state().groups().size()
                  + " groups");
      return loaded;
    }
  }

  private static DesiredStateLoader.Loaded loadChecked(Path path, ParseCache cache)
      throws InvalidInputException {
    DesiredStateLoader.Read read = DesiredStateLoader.read(path, cache);
    List<Diagnostic> errors = new ArrayList<>(read.errors());
    List<Diagnostic> warnings = List.of();
    if (read.complete()) {
      SemanticValidator.Result checked =
          SemanticValidator.check(read.loaded().state(), read.loaded().origins());
      errors.addAll(checked.errors());
      warnings = ordered(checked.warnings());
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(ordered(errors));
    }
    return warnings.isEmpty() ? read.loaded() : read.loaded().withWarnings(warnings);
  }

  /**
   * Sorted by file, line and column (stable, so errors of one place keep their order), without
   * repeats.
   */
  public static List<Diagnostic> ordered(List<Diagnostic> errors) {
    Map<String, Diagnostic> unique = new LinkedHashMap<>();
    errors.stream()
        .sorted(
            Comparator.comparing(Diagnostic::file)
                .thenComparingInt(Diagnostic::line)
                .thenComparingInt(Diagnostic::column))
        .forEach(d -> unique.putIfAbsent(d.render(), d));
    return List.copyOf(unique.values());
  }
}
