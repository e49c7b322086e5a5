package io.ocsctl.schema.format;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.load.SourceFile;
import java.nio.file.Path;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ocsctl fmt}: a desired-state file in canonical form (see {@link Canonical}, {@link
 * HclWriter}, {@link YamlWriter}), comments kept where they can be kept (see {@link Comments}). The
 * file must parse and match the schema; the result is checked to load into exactly the tree the
 * original loads into, so formatting can never change what a file declares.
 */
public final class Formatter {
  private static final java.util.Comparator<tools.jackson.databind.JsonNode> SAME_NUMBER =
      (a, b) ->
          a.isNumber() && b.isNumber()
              ? a.decimalValue().compareTo(b.decimalValue())
              : a.equals(b) ? 0 : 1;

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

  /**
   * The canonical text of {@code tree} (a desired-state tree as the loaders build it) in the format
   * {@code name}'s extension picks, without comments; checked to load back into exactly {@code
   * tree}. {@code ocsctl render} writes a fleet host's merged state with it.
   */
  public static String write(String name, ObjectNode tree) throws InvalidInputException {
    boolean yaml = DesiredStateLoader.isYaml(Path.of(name));
    Comments none =
        Comments.of(DesiredStateLoader.parse(name, yaml ? "version: 1\n" : "version = 1\n"), yaml);
    String text = yaml ? YamlWriter.write(tree, none) : HclWriter.write(tree, none);
    String why = null;
    try {
      // YAML loads small numbers as int nodes and HCL as long nodes: numbers compare by value
      if (!DesiredStateLoader.parseValid(name, text).tree().equals(SAME_NUMBER, tree)) {
        why = "it would load differently";
      }
    } catch (InvalidInputException e) {
      why = "it would not load: " + e.diagnostics().get(0).message();
    }
    if (why != null) {
      throw new InvalidInputException(
          new Diagnostic(
              name,
              0,
              0,
              "cannot write the desired state in canonical form: " + why,
              "please report this as an ocsctl bug",
              ""));
    }
    return text;
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
