package io.ocsctl.schema.load;

import io.ocsctl.schema.SourcePosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node of a loaded tree stands in its file. Keys are paths such as {@code [user, alice,
 * settings, route, 1]}; a lookup of a path with no entry falls back to its nearest ancestor, so
 * every error gets at least the line of its enclosing block.
 */
public final class PositionIndex {
  /** One indexed node: its path and 1-based line and column. */
  public record Entry(List<String> path, int line, int column) {}

  private final String file;
  private final String[] lines;
  private final int[] lineOffsets;
  private final Map<List<String>, Entry> positions = new HashMap<>();
  private final List<Entry> entries = new ArrayList<>();

  PositionIndex(String file, String text) {
    this.file = file;
    this.lines = text.split("\n", -1);
    this.lineOffsets = new int[lines.length];
    int offset = 0;
    for (int i = 0; i < lines.length; i++) {
      lineOffsets[i] = offset;
      offset += lines[i].length() + 1;
    }
  }

  /** Records a 1-based line and column for a path; the first record of a path wins. */
  void put(List<String> path, int line, int column) {
    Entry entry = new Entry(List.copyOf(path), line, column);
    if (positions.putIfAbsent(entry.path(), entry) == null) {
      entries.add(entry);
    }
  }

  /** Records the position of a path given as a 0-based character offset into the text. */
  void putOffset(List<String> path, int offset) {
    int i = Arrays.binarySearch(lineOffsets, offset);
    int line = i >= 0 ? i : -i - 2;
    put(path, line + 1, offset - lineOffsets[line] + 1);
  }

  String lineText(int line) {
    return line >= 1 && line <= lines.length ? lines[line - 1] : "";
  }

  /** The position of {@code path}, or of its nearest indexed ancestor, or of the file. */
  public SourcePosition find(List<String> path) {
    for (int n = path.size(); n >= 0; n--) {
      Entry e = positions.get(path.subList(0, n));
      if (e != null) {
        return new SourcePosition(file, e.line(), e.column(), lineText(e.line()));
      }
    }
    return SourcePosition.ofFile(file);
  }

  /** Whether {@code path} itself (not only an ancestor) is indexed. */
  public boolean has(List<String> path) {
    return positions.containsKey(path);
  }

  /** Every indexed node in the order the file declares it. */
  public List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** An index that knows no positions (used when positions cannot be computed). */
  static PositionIndex empty(String file) {
    return new PositionIndex(file, "");
  }
}
