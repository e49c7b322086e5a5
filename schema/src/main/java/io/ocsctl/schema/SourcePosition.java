package io.ocsctl.schema;

/**
 * A place in an input file. {@code line} and {@code column} are 1-based (0 when unknown); {@code
 * excerpt} is the whole text of that line, trailing blanks removed, so a caret can be drawn under
 * {@code column}.
 */
public record SourcePosition(String file, int line, int column, String excerpt) {
  public SourcePosition {
    excerpt = excerpt == null ? "" : excerpt.stripTrailing();
  }

  public static SourcePosition ofFile(String file) {
    return new SourcePosition(file, 0, 0, "");
  }

  /** The position of a 1-based line and column in {@code text}. */
  public static SourcePosition in(String file, String text, int line, int column) {
    String[] lines = text.split("\n", -1);
    String excerpt = line >= 1 && line <= lines.length ? lines[line - 1] : "";
    return new SourcePosition(file, line, column, excerpt);
  }
}
