package io.ocsctl.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in a line of an input file before it is shown in an error: the value of a {@code
 * password_hash} or {@code password} key (HCL, YAML block or flow style, JSON) and any crypt(3)
 * string anywhere. A clear-text password typed as a hash is as secret as the hash.
 */
public final class SecretMask {
  public static final String MASK = "(sensitive)";

  /**
   * A key that holds a secret, its separator, then a quoted or bare value (not a {env/file} block).
   */
  private static final Pattern KEYED =
      Pattern.compile(
          "([\"']?\\b(?:password_hash|password)[\"']?\\s*[:=]\\s*)"
              + "(?![{\\[\\s])(\"(?:[^\"\\\\]|\\\\.)*\"?|'[^']*'?|[^\\s,}\\]#]+)");

  /** {@code $id$salt$hash} of every scheme crypt(3) knows, with or without rounds. */
  private static final Pattern CRYPT =
      Pattern.compile("\\$(?:1|2[abxy]?|5|6|7|y|gy|md5|sha1)\\$[./A-Za-z0-9$=,]+");

  private SecretMask() {}

  /** {@code line} with every secret replaced by {@link #MASK}. */
  public static String mask(String line) {
    return maskKeepingColumn(line, 0).text();
  }

  /** A masked line and where a column of the original line now is. */
  public record Masked(String text, int column) {}

  /**
   * {@code line} masked, and the 1-based {@code column} moved with the text (a column inside a
   * secret points at its mask); 0 stays 0.
   */
  public static Masked maskKeepingColumn(String line, int column) {
    Masked keyed = replace(KEYED, 2, line, column);
    return replace(CRYPT, 0, keyed.text(), keyed.column());
  }

  private static Masked replace(Pattern pattern, int group, String line, int column) {
    Matcher m = pattern.matcher(line);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    int col = column;
    while (m.find()) {
      int start = m.start(group);
      int end = m.end(group);
      if (end - start == 0 || line.substring(start, end).equals(MASK)) {
        continue;
      }
      out.append(line, copied, start).append(MASK);
      copied = end;
      if (column > 0 && column - 1 >= end) {
        col += MASK.length() - (end - start);
      } else if (column > 0 && column - 1 >= start) {
        col = out.length() - MASK.length() + 1;
      }
    }
    out.append(line, copied, line.length());
    return new Masked(out.toString(), col);
  }
}
