package io.ocsctl.providers.conf;

import io.ocsctl.providers.conf.ConfigDocument.Entry;
import io.ocsctl.providers.conf.ConfigDocument.Header;
import io.ocsctl.providers.conf.ConfigDocument.Line;
import io.ocsctl.providers.conf.ConfigDocument.Other;

/**
 * One line read as ocserv reads it: ocserv parses its files with inih built with {@code
 * INI_INLINE_COMMENT_PREFIXES "#"}, {@code INI_ALLOW_MULTILINE 1}, {@code INI_MAX_LINE 2048} and
 * the defaults {@code INI_START_COMMENT_PREFIXES ";#"} and {@code INI_ALLOW_BOM 1}, then strips
 * spaces and double quotes around each value ({@code sanitize_config_value}). docs/ocserv-files.md
 * lists each rule with what ocsctl does.
 */
final class IniLine {
  static final char BOM = '\uFEFF';

  private IniLine() {}

  /**
   * The line {@code raw} (without its LF; a CR stays in the text) as ocserv reads it, given the key
   * of the last option line since the last section header ({@code null} if none): an indented line
   * after one continues that option.
   */
  static Line parse(String raw, boolean first, String previousKey) {
    if (ignored(raw, first)) {
      return new Other(raw);
    }
    String body = withoutCr(raw);
    int from = first && body.startsWith(String.valueOf(BOM)) ? 1 : 0;
    int start = skipSpace(body, from);
    int end = rstrip(body, body.length());
    if (previousKey != null && start > from) {
      // a continuation: the whole stripped line is one more value of the previous option
      return entryWithKey(previousKey, raw, start, end);
    }
    if (body.charAt(start) == '[') {
      int close = findCharsOrComment(body, start + 1, "]");
      if (close < body.length() && body.charAt(close) == ']') {
        return new Header(body.substring(start + 1, close), raw);
      }
      return new Other(raw);
    }
    int sep = findCharsOrComment(body, start, "=:");
    if (sep >= body.length() || (body.charAt(sep) != '=' && body.charAt(sep) != ':')) {
      return new Other(raw);
    }
    String key = body.substring(start, Math.max(start, rstrip(body, sep)));
    int comment = findCharsOrComment(body, sep + 1, null);
    int valueStart = skipSpace(body, sep + 1);
    int valueEnd = rstrip(body, Math.max(comment, valueStart));
    return entryWithKey(key, raw, valueStart, Math.max(valueStart, valueEnd));
  }

  /** Whether a line that is no option is one ocserv passes over (blank or a comment). */
  static boolean ignored(String raw, boolean first) {
    String body = withoutCr(raw);
    int start = skipSpace(body, first && body.startsWith(String.valueOf(BOM)) ? 1 : 0);
    return start >= rstrip(body, body.length())
        || body.charAt(start) == '#'
        || body.charAt(start) == ';';
  }

  private static String withoutCr(String raw) {
    return raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
  }

  /** An option whose raw value is {@code raw[valueStart, valueEnd)}, sanitized as ocserv does. */
  private static Entry entryWithKey(String key, String raw, int valueStart, int valueEnd) {
    int i = valueStart;
    int j = valueEnd;
    while (j > i && (raw.charAt(j - 1) == '"' || isSpace(raw.charAt(j - 1)))) {
      j--;
    }
    while (i < j && (raw.charAt(i) == '"' || isSpace(raw.charAt(i)))) {
      i++;
    }
    boolean quoted = valueStart < raw.length() && raw.charAt(valueStart) == '"';
    return new Entry(
        key,
        raw.substring(i, j),
        raw.substring(0, valueStart),
        quoted,
        raw.substring(valueEnd),
        raw);
  }

  /**
   * inih's {@code find_chars_or_comment}: the index of the first of {@code chars}, or of a {@code
   * #} that follows white space, or the end.
   */
  private static int findCharsOrComment(String s, int from, String chars) {
    boolean wasSpace = false;
    int i = from;
    while (i < s.length()
        && (chars == null || chars.indexOf(s.charAt(i)) < 0)
        && !(wasSpace && s.charAt(i) == '#')) {
      wasSpace = isSpace(s.charAt(i));
      i++;
    }
    return i;
  }

  private static int skipSpace(String s, int from) {
    int i = from;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int rstrip(String s, int end) {
    int j = end;
    while (j > 0 && isSpace(s.charAt(j - 1))) {
      j--;
    }
    return j;
  }

  /** C's isspace in the C locale. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
  }
}
