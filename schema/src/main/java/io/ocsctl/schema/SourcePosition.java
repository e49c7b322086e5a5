package io.ocsctl.schema;

/** A place in an input file; {@code excerpt} is the text of that line, trimmed. */
public record SourcePosition(String file, int line, int column, String excerpt) {
  public static SourcePosition ofFile(String file) {
    return new SourcePosition(file, 0, 0, "");
  }
}
