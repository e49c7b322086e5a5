package io.ocsctl.schema.format;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the comments of a desired-state file, which both parsers drop: whole-line comments and
 * comments at the end of a line of code. Strings (and HCL heredocs) are skipped. A {@code /* *\/}
 * comment is kept only when it fills its lines; one between tokens is refused.
 */
final class CommentScanner {
  /**
   * One comment line: 1-based line, its text (from the comment marker on), at the end of code or
   * not.
   */
  record Comment(int line, String text, boolean trailing) {}

  private CommentScanner() {}

  static List<Comment> scan(String file, String text, boolean yaml) throws InvalidInputException {
    return yaml ? yaml(text) : hcl(file, text);
  }

  private static List<Comment> hcl(String file, String text) throws InvalidInputException {
    List<Comment> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    String heredocEnd = null;
    boolean inBlock = false;
    for (int ln = 0; ln < lines.length; ln++) {
      String line = lines[ln].stripTrailing();
      if (heredocEnd != null) {
        heredocEnd = line.strip().equals(heredocEnd) ? null : heredocEnd;
        continue;
      }
      if (inBlock) {
        int end = line.indexOf("*/");
        if (end >= 0 && !line.substring(end + 2).isBlank()) {
          throw refused(file, text, ln + 1, end + 3, "code after the end of a /* */ comment");
        }
        String part = line.strip();
        out.add(new Comment(ln + 1, part.startsWith("*") ? " " + part : part, false));
        inBlock = end < 0;
        continue;
      }
      boolean inString = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
          }
          continue;
        }
        boolean code = !line.substring(0, i).isBlank();
        if (c == '"') {
          inString = true;
        } else if (c == '#' || line.startsWith("//", i)) {
          out.add(new Comment(ln + 1, line.substring(i), code));
          break;
        } else if (line.startsWith("/*", i)) {
          int end = line.indexOf("*/", i + 2);
          if (code || end >= 0 && !line.substring(end + 2).isBlank()) {
            throw refused(file, text, ln + 1, i + 1, "a /* */ comment between code on one line");
          }
          out.add(new Comment(ln + 1, line.substring(i), false));
          inBlock = end < 0;
          break;
        } else if (line.startsWith("<<", i)) {
          String marker = line.substring(i + 2).replaceFirst("^-", "").strip();
          if (!marker.isEmpty()
              && marker.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
            heredocEnd = marker;
            break;
          }
        }
      }
    }
    return out;
  }

  private static List<Comment> yaml(String text) {
    List<Comment> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int ln = 0; ln < lines.length; ln++) {
      String line = lines[ln].stripTrailing();
      char quote = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote != 0) {
          if (quote == '"' && c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
          continue;
        }
        boolean atToken = i == 0 || Character.isWhitespace(line.charAt(i - 1));
        if (c == '#' && atToken) {
          out.add(new Comment(ln + 1, line.substring(i), !line.substring(0, i).isBlank()));
          break;
        }
        // a quote opens a quoted scalar only where a scalar can start
        if ((c == '"' || c == '\'') && (i == 0 || " \t[{,:-?".indexOf(line.charAt(i - 1)) >= 0)) {
          quote = c;
        }
      }
    }
    return out;
  }

  static InvalidInputException refused(
      String file, String text, int line, int column, String what) {
    return new InvalidInputException(
        Diagnostic.at(
            SourcePosition.in(file, text, line, column),
            "fmt cannot keep " + what,
            "move the comment onto a line of its own above what it describes"));
  }
}
