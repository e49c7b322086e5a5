package io.ocsctl.schema;

import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.validate.SemanticValidator;
import java.nio.file.Path;
import java.util.List;

/** Entry point: load a desired-state file or directory and run every check on it. */
public final class DesiredStates {
  private DesiredStates() {}

  public static DesiredStateLoader.Loaded load(Path path) throws InvalidInputException {
    DesiredStateLoader.Loaded loaded = DesiredStateLoader.load(path);
    List<Diagnostic> errors = SemanticValidator.validate(loaded.state(), loaded.origins());
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return loaded;
  }
}
