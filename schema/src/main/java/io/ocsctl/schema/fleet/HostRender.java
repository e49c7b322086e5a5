package io.ocsctl.schema.fleet;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.format.DesiredStateWriter;
import io.ocsctl.schema.format.UnwritableException;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.model.DesiredState;
import java.nio.file.Path;
import java.util.List;

/**
 * A fleet host's merged state as one desired-state file ({@code ocsctl render}), written by the
 * canonical writer of {@code fmt} and {@code import} ({@link DesiredStateWriter}): loading the
 * result gives the same model (HostRenderTest).
 */
public final class HostRender {
  private HostRender() {}

  /**
   * The text of {@code state} in the format {@code name}'s extension picks, {@code header} lines as
   * comments on top.
   */
  public static String render(String name, DesiredState state, List<String> header)
      throws InvalidInputException {
    DesiredStateWriter.Syntax syntax =
        DesiredStateLoader.isYaml(Path.of(name))
            ? DesiredStateWriter.Syntax.YAML
            : DesiredStateWriter.Syntax.HCL;
    try {
      return DesiredStateWriter.write(state, syntax, header);
    } catch (UnwritableException e) {
      throw new InvalidInputException(
          new Diagnostic(
              name,
              0,
              0,
              "cannot write this host's state as " + syntax + ": " + e.getMessage(),
              "render it as YAML (-o FILE.yaml), which holds any value",
              ""));
    }
  }
}
