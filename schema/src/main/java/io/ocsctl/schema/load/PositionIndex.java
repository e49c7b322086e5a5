package io.ocsctl.schema.load;

import io.ocsctl.schema.SourcePosition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node of a loaded tree stands in its file. Keys are paths such as
 * {@code user/alice/settings/route/1}; a lookup of a path with no entry falls back to its nearest
 * ancestor, so every error gets at least the line of its enclosing block.
 */
public final class PositionIndex {
  private final String file;
  private final String[] lines;
  private final Map<String, int[]> positions = new HashMap<>();

  PositionIndex(String file, String text) {
    this.file = file;
    this.lines = text.split("\n", -1);
  }

  /** Records a 1-based line and column for a path; the first record of a path wins. */
  void put(List<String> path, int line, int column) {
    positions.putIfAbsent(String.join("/", path), new int[] {line, column});
  }

  String lineText(int line) {
    return line >= 1 && line <= lines.length ? lines[line - 1] : "";
  }

  public SourcePosition find(List<String> path) {
    for (int n = path.size(); n >= 0; n--) {
      int[] pos = positions.get(String.join("/", path.subList(0, n)));
      if (pos != null) {
        String excerpt = lineText(pos[0]).strip();
        if (excerpt.length() > 160) {
          excerpt = excerpt.substring(0, 157) + "...";
        }
        return new SourcePosition(file, pos[0], pos[1], excerpt);
      }
    }
    return SourcePosition.ofFile(file);
  }

  /** An index that knows no positions (used when positions cannot be computed). */
  static PositionIndex empty(String file) {
    return new PositionIndex(file, "");
  }
}
