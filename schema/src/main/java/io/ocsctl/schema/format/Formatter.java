package io.ocsctl.schema.format;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.load.SourceFile;
import java.nio.file.Path;

/**
 * {@code ocsctl fmt}: a desired-state file in canonical form (see {@link Canonical}, {@link
 * HclWriter}, {@link YamlWriter}), comments kept where they can be kept (see {@link Comments}). The
 * file must parse and match the schema; the result is checked to load into exactly the tree the
 * original loads into, so formatting can never change what a file declares.
 */
public final class Formatter {
  private Formatter() {}

  /**
   * The canonical text of the file {@code name} (its extension picks the format) holding {@code
   * text}.
   */
  public static String format(String name, String text) throws InvalidInputException {
    boolean yaml = DesiredStateLoader.isYaml(Path.of(name));
    SourceFile source = DesiredStateLoader.parseValid(name, text);
    Comments comments = Comments.of(source, yaml);
    String formatted =
        yaml ? YamlWriter.write(source.tree(), comments) : HclWriter.write(source.tree(), comments);
    comments.checkAllWritten();
    SourceFile again;
    try {
      again = DesiredStateLoader.parseValid(name, formatted);
    } catch (InvalidInputException e) {
      throw unchanged(
          name, "the canonical text would not load: " + e.diagnostics().get(0).message());
    }
    if (!again.tree().equals(source.tree())) {
      throw unchanged(name, "the canonical text would load differently");
    }
    return formatted;
  }

  private static InvalidInputException unchanged(String name, String why) {
    return new InvalidInputException(
        new Diagnostic(
            name,
            0,
            0,
            "fmt left the file as it is: " + why,
            "please report this file as an ocsctl bug; the file itself may be fine",
            ""));
  }
}
