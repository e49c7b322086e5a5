package io.ocsctl.providers.passwd;

import io.ocsctl.providers.MalformedFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ocpasswd file of ocserv's plain auth, in file order. */
public final class PasswdFile {
  private final Map<String, PasswdEntry> entries;

  public PasswdFile(List<PasswdEntry> entries) {
    Map<String, PasswdEntry> map = new LinkedHashMap<>();
    entries.forEach(e -> map.put(e.user(), e));
    this.entries = Collections.unmodifiableMap(map);
  }

  public static PasswdFile empty() {
    return new PasswdFile(List.of());
  }

  /**
   * Parses the file. Blank lines are skipped, as ocserv does; a line that is not
   * {@code user:groups:hash} or a user listed twice is an error naming the line.
   */
  public static PasswdFile parse(String file, String text) throws MalformedFileException {
    List<PasswdEntry> entries = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(":", -1);
      if (f.length != 3 || f[0].isEmpty()) {
        throw new MalformedFileException(file, i + 1,
            "not a user:group:hash line (" + (f.length) + " fields)",
            "fix or remove the line; ocsctl will not rewrite a file it cannot read");
      }
      Integer earlier = seen.put(f[0], i + 1);
      if (earlier != null) {
        throw new MalformedFileException(file, i + 1,
            "user \"" + f[0] + "\" is listed twice (first at line " + earlier + ")",
            "remove one of the two lines");
      }
      boolean locked = f[2].startsWith("!");
      entries.add(new PasswdEntry(f[0], PasswdEntry.parseGroups(f[1]), locked ? f[2].substring(1) : f[2], locked, f[1]));
    }
    return new PasswdFile(entries);
  }

  public Map<String, PasswdEntry> entries() {
    return entries;
  }

  public PasswdEntry get(String user) {
    return entries.get(user);
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    entries.values().forEach(e -> out.append(e.render()).append('\n'));
    return out.toString();
  }

  public String renderMasked(java.util.function.Function<PasswdEntry, String> mask) {
    StringBuilder out = new StringBuilder();
    entries.values().forEach(e -> out.append(e.renderMasked(mask.apply(e))).append('\n'));
    return out.toString();
  }
}
