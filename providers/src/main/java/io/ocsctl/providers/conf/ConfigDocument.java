package io.ocsctl.providers.conf;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import io.ocsctl.schema.model.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An ocserv.conf-style file (also config-per-user/ and config-per-group/ files) kept line by line,
 * so that an edit changes only the lines of the keys whose values change: comments, blank lines,
 * key order, line endings and undeclared keys stay as they were.
 *
 * <p>Lines are read exactly as ocserv's inih does ({@link IniLine}; docs/ocserv-files.md): {@code
 * #} and {@code ;} comment lines, {@code #} inline comments after white space, {@code key = value}
 * and {@code key: value}, indented continuation lines, a UTF-8 byte-order mark, CRLF endings and
 * sections ocserv skips ({@code [global]}) whose options it never reads.
 */
public final class ConfigDocument {
  private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9._/:@,+=*-]+");

  /** The owner of the lines of a section ocserv skips: none of its options are read. */
  private static final String SKIPPED = null;

  private static final String GLOBAL = "";

  /** One line of the file. */
  public sealed interface Line {
    String text();
  }

  /** A comment, a blank line, or a line ocserv would refuse ({@link #unreadableLines}). */
  public record Other(String text) implements Line {}

  /**
   * An option line; {@code value} is what ocserv reads (quotes and surrounding spaces removed).
   * {@code prefix} is everything before the value, {@code suffix} everything after it (closing
   * white space, an inline comment, a CR), so that a rewritten value keeps both.
   */
  public record Entry(
      String key, String value, String prefix, boolean quoted, String suffix, String text)
      implements Line {
    public Entry(String key, String value, String prefix, boolean quoted, String text) {
      this(key, value, prefix, quoted, "", text);
    }
  }

  /**
   * A {@code [SECTION]} header. ocserv reads {@code [vhost:NAME]} as a virtual host, {@code []} as
   * the global section again, and skips every other section with all its options.
   */
  public record Header(String section, String text) implements Line {
    /** The virtual host this header opens, or null. */
    public String vhost() {
      return section.startsWith("vhost:") ? section.substring(6).strip() : null;
    }

    boolean global() {
      return section.isEmpty();
    }
  }

  private final List<Line> lines;
  private final List<String> owners;
  private final boolean finalNewline;
  private final String newline;

  private ConfigDocument(List<Line> lines, boolean finalNewline, String newline) {
    this.lines = List.copyOf(lines);
    this.finalNewline = finalNewline;
    this.newline = newline;
    this.owners = owners(this.lines);
  }

  public static ConfigDocument empty() {
    return new ConfigDocument(List.of(), true, "\n");
  }

  public static ConfigDocument parse(String text) {
    if (text.isEmpty()) {
      return empty();
    }
    List<Line> lines = new ArrayList<>();
    boolean finalNewline = text.endsWith("\n");
    String body = finalNewline ? text.substring(0, text.length() - 1) : text;
    String previousKey = null;
    for (String raw : body.split("\n", -1)) {
      Line line = IniLine.parse(raw, lines.isEmpty(), previousKey);
      if (line instanceof Entry e) {
        previousKey = e.key();
      } else if (line instanceof Header) {
        previousKey = null;
      }
      lines.add(line);
    }
    String newline = !lines.isEmpty() && lines.get(0).text().endsWith("\r") ? "\r\n" : "\n";
    return new ConfigDocument(lines, finalNewline, newline);
  }

  /** Which section each line belongs to: GLOBAL, a vhost name, or SKIPPED. */
  private static List<String> owners(List<Line> lines) {
    List<String> out = new ArrayList<>(lines.size());
    String owner = GLOBAL;
    for (Line line : lines) {
      if (line instanceof Header h) {
        owner = h.global() ? GLOBAL : h.vhost() != null ? h.vhost() : SKIPPED;
      }
      out.add(owner);
    }
    return out;
  }

  public List<Line> lines() {
    return lines;
  }

  /**
   * Lines ocserv refuses (no {@code =} or {@code :}, an unclosed {@code [}): it would not start.
   */
  public List<Integer> unreadableLines() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i) instanceof Other o && !IniLine.ignored(o.text(), i == 0)
          || lines.get(i) instanceof Header h && h.vhost() != null && h.vhost().isEmpty()) {
        out.add(i + 1); // ocserv: "config file error", or "virtual host name is illegal"
      }
    }
    return out;
  }

  /** Sections ocserv skips, with the line numbers of the options in them that it never reads. */
  public Map<String, List<Integer>> skippedSections() {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    String current = null;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i) instanceof Header h) {
        current = h.section();
        if (owners.get(i) == SKIPPED) {
          out.putIfAbsent(current, new ArrayList<>());
        }
      } else if (owners.get(i) == SKIPPED && lines.get(i) instanceof Entry) {
        out.get(current).add(i + 1);
      }
    }
    return out;
  }

  /** The 1-based line of the first value of {@code key} in a section, or 0. */
  public int lineOf(Section section, String key) {
    String owner = owner(section);
    for (int i = 0; i < lines.size(); i++) {
      if (owner.equals(owners.get(i)) && lines.get(i) instanceof Entry e && e.key().equals(key)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Names of the {@code [vhost:...]} sections, in file order, each once. */
  public List<String> vhosts() {
    List<String> out = new ArrayList<>();
    for (Line line : lines) {
      if (line instanceof Header h && h.vhost() != null && !out.contains(h.vhost())) {
        out.add(h.vhost());
      }
    }
    return out;
  }

  /** The global options (all of a per-user or per-group file), repeated keys collected in order. */
  public Settings settings() {
    return settings(Section.SERVER);
  }

  /** The options of a section, repeated keys collected in order. */
  public Settings settings(Section section) {
    String owner = owner(section);
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i) instanceof Entry e && owner.equals(owners.get(i))) {
        values.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.value());
      }
    }
    return new Settings(values);
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      out.append(lines.get(i).text());
      if (i < lines.size() - 1 || finalNewline) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  /**
   * This document with the section's options made equal to {@code desired}: unchanged lines are
   * kept, changed values are rewritten in place, list values are edited element by element, new
   * keys are appended to the section's first block and a missing vhost section is added at the end.
   */
  /** {@link #withSettings(Section, Settings)} of the global options. */
  public ConfigDocument withSettings(Settings desired) {
    return withSettings(Section.SERVER, desired);
  }

  public ConfigDocument withSettings(Section section, Settings desired) {
    String owner = owner(section);
    if (section instanceof Section.Vhost added && !vhosts().contains(added.name())) {
      String vhost = added.name();
      List<Line> out = new ArrayList<>(lines);
      if (!out.isEmpty() && !out.get(out.size() - 1).text().isBlank()) {
        out.add(new Other(eol("")));
      }
      out.add(new Header("vhost:" + vhost, eol("[vhost:" + vhost + "]")));
      for (Map.Entry<String, List<String>> e : desired.values().entrySet()) {
        e.getValue().forEach(v -> out.add(newEntry(e.getKey(), v)));
      }
      return new ConfigDocument(out, true, newline);
    }
    Settings current = settings(section);
    Map<Integer, List<Line>> replacement = new LinkedHashMap<>();
    for (String key : current.keys()) {
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (owner.equals(owners.get(i)) && lines.get(i) instanceof Entry e && e.key().equals(key)) {
          positions.add(i);
        }
      }
      editKey(positions, current.get(key), desired.get(key), key, replacement);
    }
    int end = endOfFirstBlock(owner);
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (i == end) {
        appendNewKeys(out, current, desired);
      }
      out.addAll(replacement.getOrDefault(i, List.of(lines.get(i))));
    }
    if (end == lines.size()) {
      appendNewKeys(out, current, desired);
    }
    return new ConfigDocument(out, finalNewline || out.size() > lines.size(), newline);
  }

  /** Where new keys of a section go: after its first block's last non-blank line. */
  private int endOfFirstBlock(String owner) {
    int start = 0;
    if (!owner.equals(GLOBAL)) {
      while (start < lines.size()
          && !(lines.get(start) instanceof Header h && owner.equals(h.vhost()))) {
        start++;
      }
      start++;
    }
    int end = start;
    while (end < lines.size() && !(lines.get(end) instanceof Header)) {
      end++;
    }
    while (end > start && lines.get(end - 1) instanceof Other o && o.text().isBlank()) {
      end--;
    }
    return end;
  }

  /** This document without the section {@code [vhost:NAME]} (every header of it and its lines). */
  public ConfigDocument withoutVhost(String vhost) {
    if (!vhosts().contains(vhost)) {
      return this;
    }
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!vhost.equals(owners.get(i))) {
        out.add(lines.get(i));
      }
    }
    return new ConfigDocument(out, finalNewline, newline);
  }

  private void appendNewKeys(List<Line> out, Settings current, Settings desired) {
    for (Map.Entry<String, List<String>> e : desired.values().entrySet()) {
      if (!current.has(e.getKey())) {
        e.getValue().forEach(v -> out.add(newEntry(e.getKey(), v)));
      }
    }
  }

  /** Maps the element-wise diff of one key's values onto the lines that hold them. */
  private void editKey(
      List<Integer> positions,
      List<String> before,
      List<String> after,
      String key,
      Map<Integer, List<Line>> replacement) {
    if (before.equals(after)) {
      return;
    }
    for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
      int from = delta.getSource().getPosition();
      List<String> oldValues = delta.getSource().getLines();
      List<String> newValues = delta.getTarget().getLines();
      if (delta.getType() == DeltaType.INSERT) {
        // insert after the previous value's line, or before the first line of the key
        int anchor = from == 0 ? positions.get(0) : positions.get(from - 1);
        List<Line> at =
            replacement.computeIfAbsent(anchor, i -> new ArrayList<>(List.of(lines.get(i))));
        List<Line> added = new ArrayList<>();
        newValues.forEach(v -> added.add(newEntryLike((Entry) lines.get(anchor), key, v)));
        if (from == 0) {
          at.addAll(0, added);
        } else {
          at.addAll(added);
        }
        continue;
      }
      for (int k = 0; k < oldValues.size(); k++) {
        int line = positions.get(from + k);
        List<Line> at =
            replacement.computeIfAbsent(line, i -> new ArrayList<>(List.of(lines.get(i))));
        at.remove(lines.get(line));
        if (k < newValues.size()) {
          at.add(newEntryLike((Entry) lines.get(line), key, newValues.get(k)));
        }
        if (k == oldValues.size() - 1) {
          for (int extra = oldValues.size(); extra < newValues.size(); extra++) {
            at.add(newEntryLike((Entry) lines.get(line), key, newValues.get(extra)));
          }
        }
      }
    }
  }

  /**
   * A rewritten line that keeps the original's spacing, separator, quoting and inline comment. A
   * value that would read differently after the original's prefix (a continuation line, whose
   * prefix is only white space) is written as a plain {@code key = value} line.
   */
  private Entry newEntryLike(Entry original, String key, String value) {
    if (original.prefix().isBlank()) {
      return newEntry(key, value);
    }
    boolean quote = original.quoted() || needsQuotes(value);
    String suffix = original.suffix();
    String text = original.prefix() + (quote ? "\"" + value + "\"" : value) + suffix;
    return new Entry(key, value, original.prefix(), quote, suffix, text);
  }

  private Entry newEntry(String key, String value) {
    boolean quote = needsQuotes(value);
    String prefix = key + " = ";
    String suffix = newline.equals("\r\n") ? "\r" : "";
    return new Entry(
        key, value, prefix, quote, suffix, prefix + (quote ? "\"" + value + "\"" : value) + suffix);
  }

  private String eol(String text) {
    return newline.equals("\r\n") ? text + "\r" : text;
  }

  private static boolean needsQuotes(String value) {
    return !PLAIN_VALUE.matcher(value).matches();
  }

  private static String owner(Section section) {
    return section instanceof Section.Vhost v ? v.name() : GLOBAL;
  }
}
