package io.ocsctl.schema;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * Makes names and values from untrusted files safe to print: a control character (C0, DEL, C1), a
 * bidirectional override or a line separator could move the cursor, clear the screen, set the
 * window title or reorder text, and so hide a line from the person reviewing a plan. Each one is
 * shown instead: C0 and DEL as their Unicode pictures ({@code ␛}, {@code ␇}, {@code ␍}), the others
 * as {@code <U+XXXX>}. Every output format goes through here (JSON through {@link #JSON_ESCAPES}).
 */
public final class Printable {
  private Printable() {}

  /** {@code text} on one line: newlines and tabs are shown too. */
  public static String line(String text) {
    return escape(text, false);
  }

  /**
   * {@code text} that may span lines (a file, a diff): newlines and tabs are kept, nothing else.
   */
  public static String text(String text) {
    return escape(text, true);
  }

  /** Whether {@code c} is shown as a picture or a code point rather than printed. */
  public static boolean unsafe(char c) {
    return c < 0x20
        || c >= 0x7f && c < 0xa0
        || c >= 0x202a && c <= 0x202e
        || c >= 0x2066 && c <= 0x2069
        || c == 0x2028
        || c == 0x2029
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c;
  }

  private static String escape(String text, boolean multiline) {
    if (text == null) {
      return null;
    }
    int first = 0;
    while (first < text.length() && !needs(text.charAt(first), multiline)) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!needs(c, multiline)) {
        out.append(c);
      } else if (c < 0x20) {
        out.append((char) (0x2400 + c));
      } else if (c == 0x7f) {
        out.append('\u2421');
      } else {
        out.append(String.format("<U+%04X>", (int) c));
      }
    }
    return out.toString();
  }

  private static boolean needs(char c, boolean multiline) {
    return unsafe(c) && !(multiline && (c == '\n' || c == '\t'));
  }

  /**
   * For Jackson: C0 characters are escaped by JSON itself; DEL, C1, bidirectional overrides and
   * line separators are written as {@code \\uXXXX} too, so the JSON plan is as safe in a terminal.
   */
  public static final CharacterEscapes JSON_ESCAPES =
      new CharacterEscapes() {
        private final int[] ascii = escapes();

        private static int[] escapes() {
          int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
          codes[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
          return codes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
          return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
          return ch < 0x10000 && unsafe((char) ch)
              ? new SerializedString(String.format("\\u%04X", ch))
              : null;
        }
      };
}
