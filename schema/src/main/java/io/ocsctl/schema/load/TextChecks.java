package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.SourcePosition;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Byte-level checks both loaders need before any parser sees the text. */
final class TextChecks {
  private TextChecks() {}

  /** Decodes strict UTF-8; a bad byte is reported at its line and column, which parsers omit. */
  static String decodeUtf8(String file, byte[] bytes) throws InvalidInputException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    if (result.isError()) {
      int bad = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      int lineEnd = lineStart;
      while (lineEnd < bytes.length && bytes[lineEnd] != '\n') {
        lineEnd++;
      }
      // the line as a lenient decoder shows it (U+FFFD for the bad bytes); the column counts
      // characters
      String before = new String(Arrays.copyOfRange(bytes, lineStart, bad), StandardCharsets.UTF_8);
      String whole =
          new String(Arrays.copyOfRange(bytes, lineStart, lineEnd), StandardCharsets.UTF_8);
      throw new InvalidInputException(
          Diagnostic.at(
              new SourcePosition(file, line, before.length() + 1, whole),
              String.format(
                  "invalid UTF-8 byte 0x%02x (the file is not UTF-8: Latin-1 or Windows-1252?)",
                  bytes[bad] & 0xff),
              "save the file as UTF-8, e.g. iconv -f latin1 -t utf-8"));
    }
    out.flip();
    String text = out.toString();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return text;
  }

  /** Rejects NUL and other control characters, which no option value or name may contain. */
  static void rejectControlCharacters(String file, String text) throws InvalidInputException {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        lineStart = i + 1;
        continue;
      }
      boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
      if ((c < 0x20 && c != '\t' && !crlf) || c == 0x7f) {
        throw new InvalidInputException(
            Diagnostic.at(
                SourcePosition.in(file, text, line, i - lineStart + 1),
                String.format(
                    "control character U+%04X%s in the file", (int) c, c == 0 ? " (NUL)" : ""),
                "delete it; names and values may not contain control characters"));
      }
    }
  }

  /**
   * Longer lines are refused before a parser sees them (snakeyaml is quadratic in a scalar's
   * length).
   */
  static final int MAX_LINE_CHARS = 64 * 1024;

  /**
   * Rejects a line longer than {@link #MAX_LINE_CHARS}, in one linear pass: no option value or name
   * is that long, and a parser would spend minutes on it (a 16 MB YAML scalar took 282 s).
   */
  static void rejectLongLines(String file, String text) throws InvalidInputException {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > MAX_LINE_CHARS) {
          throw new InvalidInputException(
              new Diagnostic(
                  file,
                  line,
                  0,
                  String.format(
                      "line %d is %,d characters long; ocsctl reads lines of at most %,d",
                      line, i - start, MAX_LINE_CHARS),
                  "no option value or name is this long: break a long list over several lines, or delete the line",
                  ""));
        }
        line++;
        start = i + 1;
      }
    }
  }

  static void rejectEmpty(String file, String text) throws InvalidInputException {
    if (text.isBlank()) {
      throw new InvalidInputException(
          new Diagnostic(
              file,
              0,
              0,
              "the file is empty",
              "an empty desired state would delete every user and option; declare at least"
                  + " a server block",
              ""));
    }
  }
}
