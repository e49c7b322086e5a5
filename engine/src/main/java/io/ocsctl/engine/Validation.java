package io.ocsctl.engine;

import io.ocsctl.engine.plan.Planner;
import io.ocsctl.providers.conf.ConfigDocument;
import io.ocsctl.providers.ocserv.OcservCheck;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.SourcePosition;
import io.ocsctl.schema.load.DesiredStateLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ocsctl validate} beyond the model checks: the configuration rendered from the desired
 * state alone goes through {@code ocserv -t} when ocserv is installed, and its complaints are
 * placed on the desired-state block they concern.
 */
public final class Validation {
  private static final Pattern VHOST = Pattern.compile("vhost:([^:\\s]+)");

  private Validation() {}

  /** Warnings to show (skipped checks, files that were not there to check). */
  public static List<String> ocservCheck(DesiredStateLoader.Loaded loaded, Path root)
      throws IOException, InvalidInputException {
    String config = Planner.renderConfig(loaded.state(), ConfigDocument.empty()).render();
    OcservCheck.Outcome outcome = OcservCheck.check(config, root);
    List<String> warnings = new ArrayList<>(outcome.warnings());
    if (!outcome.ran()) {
      return warnings;
    }
    List<String> missing = OcservCheck.missingFiles(outcome);
    if (!missing.isEmpty()) {
      // without the server's certificates ocserv stops at the first one; the rest is unchecked
      warnings.add(
          "ocserv -t could not open "
              + String.join(", ", missing.stream().distinct().toList())
              + " under "
              + root
              + "; the configuration was not fully checked (pass --root with the server's files)");
      return warnings;
    }
    List<Diagnostic> errors = new ArrayList<>();
    for (String error : outcome.errors()) {
      Matcher m = VHOST.matcher(error);
      SourcePosition pos =
          m.find() && loaded.state().vhosts().containsKey(m.group(1))
              ? loaded.origins().position(List.of("vhost", m.group(1)))
              : loaded.origins().position(List.of("server"));
      errors.add(
          Diagnostic.at(
              pos,
              "ocserv -t: " + error.replaceFirst("^error:\\s*", ""),
              "ocserv refuses this configuration; fix the option it names"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return warnings;
  }
}
