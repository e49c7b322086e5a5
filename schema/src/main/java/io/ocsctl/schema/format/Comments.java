package io.ocsctl.schema.format;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.SourcePosition;
import io.ocsctl.schema.format.CommentScanner.Comment;
import io.ocsctl.schema.load.PositionIndex;
import io.ocsctl.schema.load.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The comments of a file attached to what they describe, so a rewritten file keeps them: the
 * whole-line comments just above a block, attribute, option or list element go with it, a comment
 * at the end of such a line stays at the end of its first line, and comments after the last line of
 * code stay at the end of the file. Any other comment (above a closing brace, after one) is refused
 * rather than moved or lost.
 */
final class Comments {
  /** Comment lines above a node; "" stands for a blank line kept between them. */
  private final Map<List<String>, List<String>> leading = new HashMap<>();

  private final Map<List<String>, Boolean> blankAfter = new HashMap<>();
  private final Map<List<String>, String> trailing = new HashMap<>();
  private final Map<List<String>, Integer> lineOf = new HashMap<>();
  private final Set<List<String>> written = new HashSet<>();
  private final List<String> footer = new ArrayList<>();
  private final String file;
  private final String text;

  private Comments(String file, String text) {
    this.file = file;
    this.text = text;
  }

  static Comments of(SourceFile source, boolean yaml) throws InvalidInputException {
    Comments c = new Comments(source.name(), source.text());
    List<Comment> found = CommentScanner.scan(source.name(), source.text(), yaml);
    if (!found.isEmpty()) {
      c.attach(found, source.index(), yaml);
    }
    return c;
  }

  /** Only comment lines at the top of the file, above {@code version}; "" becomes a bare "#". */
  static Comments header(List<String> lines) {
    Comments c = new Comments("", "");
    if (!lines.isEmpty()) {
      c.leading.put(
          List.of("version"), lines.stream().map(l -> l.isEmpty() ? "#" : "# " + l).toList());
    }
    return c;
  }

  private void attach(List<Comment> found, PositionIndex index, boolean yaml)
      throws InvalidInputException {
    Map<Integer, List<String>> anchors = new HashMap<>();
    for (PositionIndex.Entry e : index.entries()) {
      anchors.putIfAbsent(e.line(), e.path());
    }
    Map<Integer, Comment> whole = new HashMap<>();
    Map<Integer, Comment> ends = new HashMap<>();
    found.forEach(cm -> (cm.trailing() ? ends : whole).put(cm.line(), cm));
    String[] lines = text.split("\n", -1);
    List<String> pending = new ArrayList<>();
    int pendingLine = 0;
    boolean blank = false;
    for (int ln = 1; ln <= lines.length; ln++) {
      String line = lines[ln - 1].strip();
      if (whole.containsKey(ln)) {
        if (!pending.isEmpty() && blank) {
          pending.add("");
        }
        pendingLine = pending.isEmpty() ? ln : pendingLine;
        pending.add(whole.get(ln).text());
        blank = false;
        continue;
      }
      if (line.isEmpty() || yaml && (line.equals("---") || line.equals("..."))) {
        blank |= line.isEmpty();
        continue;
      }
      List<String> anchor = anchors.get(ln);
      if (!pending.isEmpty()) {
        if (anchor == null) {
          throw refused(
              pendingLine,
              "a comment that is not directly above a block, attribute, option or list element");
        }
        leading.put(anchor, List.copyOf(pending));
        blankAfter.put(anchor, blank);
        lineOf.put(anchor, pendingLine);
        pending.clear();
      }
      blank = false;
      if (ends.containsKey(ln)) {
        if (anchor == null) {
          throw refused(
              ln,
              "a comment at the end of a line that holds no block, attribute, option or list element start");
        }
        trailing.put(anchor, ends.get(ln).text());
        lineOf.putIfAbsent(anchor, ln);
      }
    }
    footer.addAll(pending);
  }

  private InvalidInputException refused(int line, String what) {
    String l = text.split("\n", -1)[line - 1];
    return new InvalidInputException(
        Diagnostic.at(
            SourcePosition.in(file, text, line, l.length() - l.stripLeading().length() + 1),
            "fmt cannot keep " + what,
            "move the comment directly above the block, attribute or option it describes, or delete it"));
  }

  /**
   * The comment lines to write above {@code path} (blank separators as ""), and marks them written.
   */
  List<String> leading(List<String> path) {
    List<String> lines = new ArrayList<>(leading.getOrDefault(path, List.of()));
    if (!lines.isEmpty() && blankAfter.getOrDefault(path, false)) {
      lines.add("");
    }
    written.add(path);
    return lines;
  }

  /** The comment to write at the end of the first line of {@code path}, or "". */
  String trailing(List<String> path) {
    written.add(path);
    String t = trailing.get(path);
    return t == null ? "" : " " + t;
  }

  /** Whether any comment is attached below {@code path} (to a list element, say). */
  boolean anyBelow(List<String> path) {
    return lineOf.keySet().stream()
        .anyMatch(p -> p.size() > path.size() && p.subList(0, path.size()).equals(path));
  }

  List<String> footer() {
    return footer;
  }

  /** Refuses when a comment was attached to a node that the writer did not write. */
  void checkAllWritten() throws InvalidInputException {
    for (Map.Entry<List<String>, Integer> e : lineOf.entrySet()) {
      if (!written.contains(e.getKey())) {
        throw refused(
            e.getValue(), "this comment: it is attached to something fmt writes differently");
      }
    }
  }
}
