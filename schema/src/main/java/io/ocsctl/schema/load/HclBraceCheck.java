package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks that every {@code {} and {@code [} of an HCL file is closed. hcl4j silently drops an
 * unclosed last block, which an authoritative plan would turn into a deletion; this scan (strings,
 * comments and heredocs skipped) is the guard. It is not a parser: hcl4j still parses the file.
 */
final class HclBraceCheck {
  private HclBraceCheck() {}

  static void check(String file, String text) throws InvalidInputException {
    Deque<int[]> open = new ArrayDeque<>(); // {char, line, column}
    String[] lines = text.split("\n", -1);
    String heredocEnd = null;
    boolean inBlockComment = false;
    for (int ln = 0; ln < lines.length; ln++) {
      String line = lines[ln];
      if (heredocEnd != null) {
        if (line.strip().equals(heredocEnd)) {
          heredocEnd = null;
        }
        continue;
      }
      boolean inString = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (inBlockComment) {
          if (c == '*' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
            inBlockComment = false;
            i++;
          }
          continue;
        }
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
          }
          continue;
        }
        if (c == '"') {
          inString = true;
        } else if (c == '#' || c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
          break;
        } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '*') {
          inBlockComment = true;
          i++;
        } else if (c == '<' && line.startsWith("<<", i)) {
          String marker = line.substring(i + 2).replaceFirst("^-", "").strip();
          if (!marker.isEmpty() && marker.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
            heredocEnd = marker;
            break;
          }
        } else if (c == '{' || c == '[') {
          open.push(new int[] {c, ln + 1, i + 1});
        } else if (c == '}' || c == ']') {
          char expected = c == '}' ? '{' : '[';
          if (open.isEmpty() || open.peek()[0] != expected) {
            throw new InvalidInputException(
                new Diagnostic(file, ln + 1, i + 1, "unexpected '" + c + "'", "remove it or add the"
                    + " matching '" + expected + "' before it", line.strip()));
          }
          open.pop();
        }
      }
      if (inString) {
        throw new InvalidInputException(
            new Diagnostic(file, ln + 1, line.length(), "unterminated string",
                "close the string with '\"' on the same line", line.strip()));
      }
    }
    if (!open.isEmpty()) {
      int[] first = open.getLast();
      int[] last = open.peek();
      char closer = last[0] == '{' ? '}' : ']';
      throw new InvalidInputException(
          new Diagnostic(file, last[1], last[2], "'" + (char) last[0] + "' is never closed",
              "add the missing '" + closer + "'; hcl4j would otherwise drop the rest of the"
                  + " file silently (the outermost open block starts at line " + first[1] + ")",
              lines[last[1] - 1].strip()));
    }
  }
}
