package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.SourcePosition;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks that every {@code {}, {@code [} and string of an HCL file is closed, and that no string
 * uses {@code ${...}}. hcl4j silently drops an unclosed last block, which an authoritative plan
 * would turn into a deletion, and evaluates {@code ${x}} to {@code x}; this scan (strings, comments
 * and heredocs skipped) is the guard. It is not a parser: hcl4j still parses the file.
 */
public final class HclBraceCheck {
  /**
   * Deeper nesting is refused before hcl4j runs (it took 54 s and gigabytes for 20,000 levels); a
   * desired state nests four levels at most (group, firewall, ports list).
   */
  static final int MAX_DEPTH = 32;

  private final String file;
  private final String text;

  private HclBraceCheck(String file, String text) {
    this.file = file;
    this.text = text;
  }

  public static void check(String file, String text) throws InvalidInputException {
    new HclBraceCheck(file, text).run();
  }

  private void run() throws InvalidInputException {
    Deque<int[]> open = new ArrayDeque<>(); // {char, line, column}
    String[] lines = text.split("\n", -1);
    String heredocEnd = null;
    int heredocLine = 0;
    long heredocChars = 0;
    boolean inBlockComment = false;
    for (int ln = 0; ln < lines.length; ln++) {
      String line = lines[ln];
      if (heredocEnd != null) {
        if (line.strip().equals(heredocEnd)) {
          heredocEnd = null;
        } else if ((heredocChars += line.length() + 1) > TextChecks.MAX_LINE_CHARS) {
          throw error(
              heredocLine,
              0,
              String.format("the heredoc is longer than %,d characters", TextChecks.MAX_LINE_CHARS),
              "no option value is this long: shorten it or delete it");
        }
        continue;
      }
      int stringStart = -1;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (inBlockComment) {
          if (c == '*' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
            inBlockComment = false;
            i++;
          }
          continue;
        }
        if (stringStart >= 0) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            stringStart = -1;
          } else if (c == '$' && line.startsWith("${", i)) {
            throw error(
                ln,
                i,
                "\"${\" in a string: hcl4j would evaluate it as an interpolation",
                "ocsctl does not evaluate HCL expressions; write the value without \"${\","
                    + " or use the YAML format for it");
          }
          continue;
        }
        if (c == '"') {
          stringStart = i;
        } else if (c == '#' || c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
          break;
        } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '*') {
          inBlockComment = true;
          i++;
        } else if (c == '<' && line.startsWith("<<", i)) {
          String marker = line.substring(i + 2).replaceFirst("^-", "").strip();
          if (!marker.isEmpty()
              && marker.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
            heredocEnd = marker;
            heredocLine = ln;
            heredocChars = 0;
            break;
          }
        } else if (c == '{' || c == '[') {
          if (open.size() == MAX_DEPTH) {
            throw error(
                ln,
                i,
                "'" + c + "' nests deeper than " + MAX_DEPTH + " levels",
                "a desired state nests a few levels (block, settings, list): close the blocks above it");
          }
          open.push(new int[] {c, ln, i});
        } else if (c == '}' || c == ']') {
          char expected = c == '}' ? '{' : '[';
          if (open.isEmpty() || open.peek()[0] != expected) {
            throw error(
                ln,
                i,
                "unexpected '"
                    + c
                    + "'"
                    + (open.isEmpty()
                        ? ": nothing is open here"
                        : ": the '"
                            + (char) open.peek()[0]
                            + "' of line "
                            + (open.peek()[1] + 1)
                            + " is still open"),
                open.isEmpty()
                    ? "delete it, or add the matching '" + expected + "' before it"
                    : "close the '" + (char) open.peek()[0] + "' first");
          }
          open.pop();
        }
      }
      if (stringStart >= 0) {
        throw error(
            ln, stringStart, "unterminated string", "close the string with '\"' on the same line");
      }
    }
    if (inBlockComment) {
      throw error(lines.length - 1, 0, "unterminated comment '/*'", "close the comment with '*/'");
    }
    if (!open.isEmpty()) {
      int[] inner = open.peek();
      char closer = inner[0] == '{' ? '}' : ']';
      String others =
          open.size() == 1
              ? ""
              : " ("
                  + (open.size() - 1)
                  + " more still open, the first at line "
                  + (open.getLast()[1] + 1)
                  + ")";
      throw error(
          inner[1],
          inner[2],
          "'" + (char) inner[0] + "' is never closed" + others,
          "add the missing '"
              + closer
              + "'; hcl4j would otherwise drop what follows silently,"
              + " and the plan would delete it");
    }
  }

  private InvalidInputException error(int line, int column, String message, String hint) {
    return new InvalidInputException(
        Diagnostic.at(SourcePosition.in(file, text, line + 1, column + 1), message, hint));
  }
}
