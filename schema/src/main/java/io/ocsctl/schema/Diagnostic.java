package io.ocsctl.schema;

/**
 * One problem found in an input file, with where it is and what to do about it. {@code line} and
 * {@code column} are 1-based; 0 when unknown. {@code excerpt} is the text of that line.
 */
public record Diagnostic(
    String file, int line, int column, String message, String hint, String excerpt) {
  private static final int MAX_EXCERPT = 120;
  private static final int MAX_QUOTED = 200;

  public Diagnostic {
    hint = hint == null ? "" : hint;
    excerpt = excerpt == null ? "" : excerpt.stripTrailing();
  }

  public static Diagnostic at(SourcePosition pos, String message, String hint) {
    return new Diagnostic(pos.file(), pos.line(), pos.column(), message, hint, pos.excerpt());
  }

  /**
   * {@code file:line:col: error: message}, then the line with a caret under the column and the
   * hint, as compilers print them.
   */
  public String render() {
    return render("error");
  }

  /** {@link #render()} with another label, e.g. {@code warning}. */
  public String render(String label) {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    out.append(": ").append(label).append(": ").append(message);
    if (!excerpt.isBlank() && line > 0) {
      appendExcerpt(out);
    }
    if (!hint.isEmpty()) {
      out.append("\n  = fix: ").append(hint);
    }
    return out.toString();
  }

  /**
   * {@code value} in double quotes, with quotes, backslashes and control characters escaped, so a
   * name or value never breaks the line it is printed on.
   */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    // a long value is named by its start and length: an error is not the place to print 64 KiB
    int shown = value.length() > MAX_QUOTED ? MAX_QUOTED - 20 : value.length();
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (shown < value.length()) {
      return out.append(String.format("...\" (%,d characters)", value.length())).toString();
    }
    return out.append('"').toString();
  }

  private void appendExcerpt(StringBuilder out) {
    // no excerpt ever shows a password or a hash (a syntax error on a password_hash line would)
    SecretMask.Masked masked = SecretMask.maskKeepingColumn(excerpt, column);
    String shown = masked.text();
    String text = Printable.text(shown);
    int caret = masked.column() - 1;
    if (text.length() > MAX_EXCERPT) {
      int start = caret > MAX_EXCERPT - 20 ? caret - 40 : 0;
      int end = Math.min(text.length(), start + MAX_EXCERPT);
      text =
          (start > 0 ? "..." : "")
              + text.substring(start, end)
              + (end < shown.length() ? "..." : "");
      caret = caret - start + (start > 0 ? 3 : 0);
    }
    String number = Integer.toString(line);
    String gutter = " ".repeat(number.length());
    out.append("\n ").append(number).append(" | ").append(text);
    if (masked.column() > 0 && caret <= text.length()) {
      StringBuilder pad = new StringBuilder();
      for (int i = 0; i < caret; i++) {
        pad.append(text.charAt(i) == '\t' ? '\t' : ' ');
      }
      out.append("\n ").append(gutter).append(" | ").append(pad).append('^');
    }
  }
}
