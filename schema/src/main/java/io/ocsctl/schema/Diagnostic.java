package io.ocsctl.schema;

/**
 * One problem found in an input file, with where it is and what to do about it. {@code line} and
 * {@code column} are 1-based; 0 when unknown.
 */
public record Diagnostic(String file, int line, int column, String message, String hint, String excerpt) {
  public Diagnostic {
    hint = hint == null ? "" : hint;
    excerpt = excerpt == null ? "" : excerpt;
  }

  public static Diagnostic at(SourcePosition pos, String message, String hint) {
    return new Diagnostic(pos.file(), pos.line(), pos.column(), message, hint, pos.excerpt());
  }

  /** {@code file:line:col: error: message} followed by the excerpt and the hint, as compilers print. */
  public String render() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    out.append(": error: ").append(message);
    if (!excerpt.isEmpty()) {
      out.append("\n  | ").append(excerpt);
    }
    if (!hint.isEmpty()) {
      out.append("\n  = fix: ").append(hint);
    }
    return out.toString();
  }
}
