package io.ocsctl.providers.conf;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import io.ocsctl.schema.model.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ocserv.conf-style file (also config-per-user/ and config-per-group/ files) kept line by line,
 * so that an edit changes only the lines of the keys whose values change: comments, blank lines,
 * key order and undeclared keys stay as they were.
 */
public final class ConfigDocument {
  private static final Pattern ENTRY = Pattern.compile("^(\\s*([A-Za-z0-9_.-]+)\\s*=\\s*)(.*?)\\s*$");
  private static final Pattern HEADER = Pattern.compile("^\\s*\\[vhost:(.*)\\]\\s*$");
  private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9._/:@,+=*-]+");

  /** One line of the file. {@code section} is null for the global section. */
  public sealed interface Line {
    String text();
  }

  /** A comment, a blank line, or a line ocserv would not read as an option. */
  public record Other(String text) implements Line {}

  /** A {@code key = value} line; {@code value} is unquoted. */
  public record Entry(String key, String value, String prefix, boolean quoted, String text) implements Line {}

  /** A {@code [vhost:NAME]} header. */
  public record Header(String vhost, String text) implements Line {}

  private final List<Line> lines;
  private final boolean finalNewline;

  private ConfigDocument(List<Line> lines, boolean finalNewline) {
    this.lines = List.copyOf(lines);
    this.finalNewline = finalNewline;
  }

  public static ConfigDocument empty() {
    return new ConfigDocument(List.of(), true);
  }

  public static ConfigDocument parse(String text) {
    List<Line> lines = new ArrayList<>();
    if (text.isEmpty()) {
      return empty();
    }
    boolean finalNewline = text.endsWith("\n");
    String body = finalNewline ? text.substring(0, text.length() - 1) : text;
    for (String raw : body.split("\n", -1)) {
      lines.add(parseLine(raw));
    }
    return new ConfigDocument(lines, finalNewline);
  }

  private static Line parseLine(String raw) {
    String stripped = raw.strip();
    if (stripped.isEmpty() || stripped.startsWith("#")) {
      return new Other(raw);
    }
    Matcher header = HEADER.matcher(raw);
    if (header.matches()) {
      return new Header(header.group(1).strip(), raw);
    }
    Matcher entry = ENTRY.matcher(raw);
    if (entry.matches()) {
      String value = entry.group(3);
      boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
      return new Entry(entry.group(2), quoted ? value.substring(1, value.length() - 1) : value,
          entry.group(1), quoted, raw);
    }
    return new Other(raw);
  }

  public List<Line> lines() {
    return lines;
  }

  /** Lines that are neither comments, blank, options nor headers: ocserv would reject them. */
  public List<Integer> unreadableLines() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i).text().strip();
      if (lines.get(i) instanceof Other && !s.isEmpty() && !s.startsWith("#")) {
        out.add(i + 1);
      }
    }
    return out;
  }

  /** Names of the {@code [vhost:...]} sections, in file order. */
  public List<String> vhosts() {
    List<String> out = new ArrayList<>();
    for (Line line : lines) {
      if (line instanceof Header h) {
        out.add(h.vhost());
      }
    }
    return out;
  }

  /** The options of a section ({@code null} = global), repeated keys collected in order. */
  public Settings settings(String vhost) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    int[] range = range(vhost);
    for (int i = range[0]; i < range[1]; i++) {
      if (lines.get(i) instanceof Entry e) {
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
   * keys are appended to the section and a missing vhost section is added at the end.
   */
  public ConfigDocument withSettings(String vhost, Settings desired) {
    int[] range = range(vhost);
    List<Line> out = new ArrayList<>(lines.subList(0, range[0]));
    if (range[0] == range[1] && vhost != null && !vhosts().contains(vhost)) {
      if (!out.isEmpty() && !out.get(out.size() - 1).text().isBlank()) {
        out.add(new Other(""));
      }
      out.add(new Header(vhost, "[vhost:" + vhost + "]"));
      for (Map.Entry<String, List<String>> e : desired.values().entrySet()) {
        e.getValue().forEach(v -> out.add(newEntry(e.getKey(), v)));
      }
      out.addAll(lines.subList(range[1], lines.size()));
      return new ConfigDocument(out, true);
    }
    List<Line> section = lines.subList(range[0], range[1]);
    Settings current = settings(vhost);
    Map<Integer, List<Line>> replacement = new LinkedHashMap<>();
    for (String key : current.keys()) {
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < section.size(); i++) {
        if (section.get(i) instanceof Entry e && e.key().equals(key)) {
          positions.add(i);
        }
      }
      editKey(section, positions, current.get(key), desired.get(key), key, replacement);
    }
    int end = section.size();
    while (end > 0 && section.get(end - 1) instanceof Other o && o.text().isBlank()) {
      end--;
    }
    for (int i = 0; i < section.size(); i++) {
      if (i == end) {
        appendNewKeys(out, current, desired);
      }
      out.addAll(replacement.getOrDefault(i, List.of(section.get(i))));
    }
    if (end == section.size()) {
      appendNewKeys(out, current, desired);
    }
    out.addAll(lines.subList(range[1], lines.size()));
    return new ConfigDocument(out, finalNewline || out.size() > lines.size());
  }

  /** This document without the section {@code [vhost:NAME]} (header and all its lines). */
  public ConfigDocument withoutVhost(String vhost) {
    int[] range = range(vhost);
    if (range[0] == range[1] && !vhosts().contains(vhost)) {
      return this;
    }
    List<Line> out = new ArrayList<>(lines.subList(0, range[0] - 1));
    out.addAll(lines.subList(range[1], lines.size()));
    return new ConfigDocument(out, finalNewline);
  }

  private static void appendNewKeys(List<Line> out, Settings current, Settings desired) {
    for (Map.Entry<String, List<String>> e : desired.values().entrySet()) {
      if (!current.has(e.getKey())) {
        e.getValue().forEach(v -> out.add(newEntry(e.getKey(), v)));
      }
    }
  }

  /** Maps the element-wise diff of one key's values onto the lines that hold them. */
  private static void editKey(List<Line> section, List<Integer> positions, List<String> before,
      List<String> after, String key, Map<Integer, List<Line>> replacement) {
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
        List<Line> at = replacement.computeIfAbsent(anchor, i -> new ArrayList<>(List.of(section.get(i))));
        List<Line> added = new ArrayList<>();
        newValues.forEach(v -> added.add(newEntryLike((Entry) section.get(anchor), key, v)));
        if (from == 0) {
          at.addAll(0, added);
        } else {
          at.addAll(added);
        }
        continue;
      }
      for (int k = 0; k < oldValues.size(); k++) {
        int line = positions.get(from + k);
        List<Line> at = replacement.computeIfAbsent(line, i -> new ArrayList<>(List.of(section.get(i))));
        at.remove(section.get(line));
        if (k < newValues.size()) {
          at.add(newEntryLike((Entry) section.get(line), key, newValues.get(k)));
        }
        if (k == oldValues.size() - 1) {
          for (int extra = oldValues.size(); extra < newValues.size(); extra++) {
            at.add(newEntryLike((Entry) section.get(line), key, newValues.get(extra)));
          }
        }
      }
    }
  }

  /** A rewritten line that keeps the original's spacing and quoting. */
  private static Entry newEntryLike(Entry original, String key, String value) {
    boolean quote = original.quoted() || needsQuotes(value);
    String text = original.prefix() + (quote ? "\"" + value + "\"" : value);
    return new Entry(key, value, original.prefix(), quote, text);
  }

  private static Entry newEntry(String key, String value) {
    boolean quote = needsQuotes(value);
    String prefix = key + " = ";
    return new Entry(key, value, prefix, quote, prefix + (quote ? "\"" + value + "\"" : value));
  }

  private static boolean needsQuotes(String value) {
    return !PLAIN_VALUE.matcher(value).matches();
  }

  /** [first, end) line indexes of a section's body; global = before the first header. */
  private int[] range(String vhost) {
    int start = vhost == null ? 0 : -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i) instanceof Header h) {
        if (start >= 0) {
          return new int[] {start, i};
        }
        if (h.vhost().equals(vhost)) {
          start = i + 1;
        }
      }
    }
    return start < 0 ? new int[] {lines.size(), lines.size()} : new int[] {start, lines.size()};
  }
}
