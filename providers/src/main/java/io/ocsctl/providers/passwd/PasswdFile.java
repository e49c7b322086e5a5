package io.ocsctl.providers.passwd;

import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.RawText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The ocpasswd file of ocserv's plain auth, kept line by line: ocserv's {@code read_auth_pass}
 * reads {@code user:groups:hash} lines and passes over everything else, so comments, blank lines
 * and lines it cannot use stay exactly where they are when ocsctl rewrites the file.
 */
public final class PasswdFile {
  private static final Pattern CRYPT = Pattern.compile("\\$[0-9A-Za-z]{1,3}\\$[^:\\s]*");

  /** One line of the file, without its LF. */
  sealed interface Line {
    String raw();
  }

  /** A user's line, as written. */
  record UserLine(PasswdEntry entry, String raw) implements Line {}

  /** A comment, a blank line, or a line ocserv never matches a user against. */
  record Other(String raw) implements Line {}

  /** A second line of a user: ocserv stops at the first, so this one is never read. */
  record Shadowed(String user, String raw) implements Line {}

  private final List<Line> lines;
  private final Map<String, PasswdEntry> entries;
  private final List<String> notes;
  private final String newline;

  private PasswdFile(List<Line> lines, List<String> notes, String newline) {
    this.lines = List.copyOf(lines);
    Map<String, PasswdEntry> map = new LinkedHashMap<>();
    for (Line line : this.lines) {
      if (line instanceof UserLine u) {
        map.put(u.entry().user(), u.entry());
      }
    }
    this.entries = Collections.unmodifiableMap(map);
    this.notes = List.copyOf(notes);
    this.newline = newline;
  }

  public PasswdFile(List<PasswdEntry> entries) {
    this(entries.stream().<Line>map(e -> new UserLine(e, e.render())).toList(), List.of(), "\n");
  }

  public static PasswdFile empty() {
    return new PasswdFile(List.of());
  }

  /**
   * Reads the file as ocserv does: a line of four bytes or fewer (its LF included) is skipped, the
   * first {@code :}-separated field is the user name, the second the group list, the third the hash
   * (fields after it are ignored). A line without a third field, with an empty name, or that starts
   * with {@code #} is no user's; for a name listed twice the first line counts. What ocserv passes
   * over is kept as it is and listed in {@link #notes} when it looks like a user's line.
   */
  public static PasswdFile parse(String file, String text) throws MalformedFileException {
    List<Line> lines = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    boolean finalNewline = text.endsWith("\n");
    String body = finalNewline ? text.substring(0, text.length() - 1) : text;
    if (text.isEmpty()) {
      return new PasswdFile(List.of(), List.of(), "\n");
    }
    String[] raws = body.split("\n", -1);
    for (int i = 0; i < raws.length; i++) {
      String raw = raws[i];
      boolean hasNewline = i < raws.length - 1 || finalNewline;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      String[] f = line.split(":", -1);
      if (raw.length() + (hasNewline ? 1 : 0) <= 4 || f.length < 3 || f[0].isEmpty()) {
        if (!line.isBlank() && !line.startsWith("#") && line.contains(":")) {
          notes.add(
              file
                  + ":"
                  + (i + 1)
                  + ": ocserv never matches a user against this line"
                  + " (it needs user:groups:hash); ocsctl keeps it as it is");
        }
        lines.add(new Other(raw));
        continue;
      }
      if (line.startsWith("#")) {
        if (!f[2].isEmpty()) {
          notes.add(
              file
                  + ":"
                  + (i + 1)
                  + ": a commented-out line is a user named \""
                  + f[0].replace("\"", "\\\"")
                  + "\" for ocserv (it has no comments in this file); ocsctl keeps it as a comment: delete it");
        }
        lines.add(new Other(raw));
        continue;
      }
      Integer earlier = seen.putIfAbsent(f[0], i + 1);
      if (earlier != null) {
        notes.add(
            file
                + ":"
                + (i + 1)
                + ": user \""
                + f[0]
                + "\" is listed again (first at line "
                + earlier
                + "); ocserv reads only the first line, and ocsctl drops this one when it changes the user");
        lines.add(new Shadowed(f[0], raw));
        continue;
      }
      if (RawText.firstEscaped(line) >= 0) {
        throw new MalformedFileException(
            file,
            i + 1,
            "the line of user \""
                + f[0].replace("\"", "\\\"")
                + "\" holds bytes that are not UTF-8",
            "convert the file to UTF-8 (iconv -f latin1 -t utf-8), then plan again");
      }
      boolean locked = f[2].startsWith("!");
      lines.add(
          new UserLine(
              new PasswdEntry(
                  f[0],
                  PasswdEntry.parseGroups(f[1]),
                  locked ? f[2].substring(1) : f[2],
                  locked,
                  f[1]),
              raw));
    }
    // rendering ends the last line with an LF even where the file did not, as ocpasswd writes it
    return new PasswdFile(lines, notes, raws[0].endsWith("\r") ? "\r\n" : "\n");
  }

  public Map<String, PasswdEntry> entries() {
    return entries;
  }

  public PasswdEntry get(String user) {
    return entries.get(user);
  }

  /** What ocserv passes over in this file that an admin should know about (file:line: what). */
  public List<String> notes() {
    return notes;
  }

  /**
   * This file with exactly {@code users}, in that order: a user whose line means the same keeps its
   * line byte for byte, a changed user's line is rewritten in place, a removed user's line goes,
   * new users are appended; comments and other lines stay. A user's shadowed second line stays only
   * while the user is unchanged.
   */
  public PasswdFile withEntries(List<PasswdEntry> users) {
    Map<String, PasswdEntry> wanted = new LinkedHashMap<>();
    users.forEach(e -> wanted.put(e.user(), e));
    Set<String> unchanged = new LinkedHashSet<>();
    List<Line> out = new ArrayList<>();
    for (Line line : lines) {
      if (line instanceof UserLine u) {
        PasswdEntry neu = wanted.remove(u.entry().user());
        if (neu != null && neu.sameAs(u.entry())) {
          unchanged.add(neu.user());
          out.add(u);
        } else if (neu != null) {
          out.add(new UserLine(neu, neu.render() + (u.raw().endsWith("\r") ? "\r" : "")));
        }
      } else if (!(line instanceof Shadowed s) || unchanged.contains(s.user())) {
        out.add(line);
      }
    }
    String cr = newline.equals("\r\n") ? "\r" : "";
    wanted.values().forEach(e -> out.add(new UserLine(e, e.render() + cr)));
    return new PasswdFile(out, List.of(), newline);
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    lines.forEach(l -> out.append(l.raw()).append('\n'));
    return out.toString();
  }

  /**
   * The file with every hash replaced by {@code mask}'s text, for output that must show no secret.
   */
  public String renderMasked(Function<PasswdEntry, String> mask) {
    StringBuilder out = new StringBuilder();
    for (Line line : lines) {
      String cr = line.raw().endsWith("\r") ? "\r" : "";
      String text =
          line instanceof UserLine u
              ? u.entry().renderMasked(mask.apply(u.entry())) + cr
              : maskedOther(line.raw());
      out.append(text).append('\n');
    }
    return out.toString();
  }

  /** A line that is no user's, with whatever could be a hash in it masked. */
  private static String maskedOther(String raw) {
    String[] f = raw.split(":", 3);
    if (f.length == 3 && !f[2].isBlank()) {
      return f[0] + ":" + f[1] + ":(sensitive)" + (raw.endsWith("\r") ? "\r" : "");
    }
    return CRYPT.matcher(raw).replaceAll("(sensitive)");
  }
}
