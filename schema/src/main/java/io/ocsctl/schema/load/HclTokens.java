package io.ocsctl.schema.load;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain tokenizer for the HCL subset of desired-state files, with exact 1-based lines and
 * columns. It reads text that hcl4j has already parsed, so it need not report errors; it exists
 * because hcl4j's own lexer is slow on large files and keeps no column of a token's start.
 */
final class HclTokens {
  enum Kind {
    NAME,
    STRING,
    OTHER_VALUE,
    OPEN_BRACE,
    CLOSE_BRACE,
    OPEN_BRACKET,
    CLOSE_BRACKET,
    EQUALS,
    COMMA,
    NEWLINE
  }

  /** One token; for a string, {@code text} is its value with escapes resolved. */
  record Token(Kind kind, String text, int line, int column) {}

  private HclTokens() {}

  static List<Token> of(String text) {
    List<Token> out = new ArrayList<>();
    int line = 1;
    int lineStart = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int column = i - lineStart + 1;
      if (c == '\n') {
        out.add(new Token(Kind.NEWLINE, "\n", line, column));
        line++;
        lineStart = ++i;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        i++;
      } else if (c == '#' || text.startsWith("//", i)) {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? text.length() : end + 2;
        for (int j = i; j < end; j++) {
          if (text.charAt(j) == '\n') {
            line++;
            lineStart = j + 1;
          }
        }
        i = end;
      } else if (c == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
          char s = text.charAt(i++);
          if (s == '\\' && i < text.length()) {
            char e = text.charAt(i++);
            value.append(
                switch (e) {
                  case 'n' -> '\n';
                  case 't' -> '\t';
                  case 'r' -> '\r';
                  default -> e;
                });
          } else {
            value.append(s);
          }
        }
        i++;
        out.add(new Token(Kind.STRING, value.toString(), line, column));
      } else if (text.startsWith("<<", i)) {
        String marker = text.substring(i + 2, lineEnd(text, i)).replaceFirst("^-", "").strip();
        int startLine = line;
        int end = i;
        do {
          end = lineEnd(text, end) + 1;
          line++;
        } while (end < text.length()
            && !text.substring(end, lineEnd(text, end)).strip().equals(marker));
        out.add(new Token(Kind.OTHER_VALUE, "<<" + marker, startLine, column));
        lineStart = end;
        i = lineEnd(text, end);
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < text.length()
            && (Character.isLetterOrDigit(text.charAt(i)) || "_-".indexOf(text.charAt(i)) >= 0)) {
          i++;
        }
        out.add(new Token(Kind.NAME, text.substring(start, i), line, column));
      } else {
        Kind kind =
            switch (c) {
              case '{' -> Kind.OPEN_BRACE;
              case '}' -> Kind.CLOSE_BRACE;
              case '[' -> Kind.OPEN_BRACKET;
              case ']' -> Kind.CLOSE_BRACKET;
              case '=' -> Kind.EQUALS;
              case ',' -> Kind.COMMA;
              default -> Kind.OTHER_VALUE;
            };
        out.add(new Token(kind, String.valueOf(c), line, column));
        i++;
      }
    }
    return out;
  }

  private static int lineEnd(String text, int from) {
    int end = text.indexOf('\n', from);
    return end < 0 ? text.length() : end;
  }
}
