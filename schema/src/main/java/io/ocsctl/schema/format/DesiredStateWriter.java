package io.ocsctl.schema.format;

import io.ocsctl.schema.model.DesiredState;
import java.util.List;

/**
 * Writes a desired state in canonical form with the writers {@code ocsctl fmt} uses ({@link
 * HclWriter}, {@link YamlWriter}, the order of {@link Canonical}), so a written file is already
 * what {@code fmt} would make of it. {@code import} is its user: it passes the model it built from
 * the live server and the comment lines to put at the top.
 */
public final class DesiredStateWriter {
  /** The two syntaxes of a desired-state file. */
  public enum Syntax {
    HCL,
    YAML
  }

  private DesiredStateWriter() {}

  /**
   * The text of {@code state}; each line of {@code header} becomes a comment line at the top
   * ({@code #} alone for an empty one).
   */
  public static String write(DesiredState state, Syntax syntax, List<String> header)
      throws UnwritableException {
    Comments comments = Comments.header(header);
    var tree = DesiredTree.of(state);
    return syntax == Syntax.YAML
        ? YamlWriter.write(tree, comments)
        : HclWriter.writeChecked(tree, comments);
  }
}
