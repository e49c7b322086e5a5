package io.ocsctl.schema.load;

import com.bertramlabs.plugins.hcl4j.symbols.HCLArray;
import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.HCLValue;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the position index of an HCL file from hcl4j's symbol tree. hcl4j records the character
 * offset where it finished a token: the start of a bare name or number, the closing quote of a
 * string, the end of a block header. Each is turned here into the place a reader looks at: the
 * first character of the key, of the value, of the block's line.
 */
final class HclPositions {
  private HclPositions() {}

  static PositionIndex index(String file, String text, List<Symbol> symbols) {
    PositionIndex index = new PositionIndex(file, text);
    for (Symbol s : symbols) {
      walk(index, text, s, null, List.of());
    }
    return index;
  }

  private static void walk(PositionIndex index, String text, Symbol s, Symbol parent, List<String> path) {
    List<String> here = path;
    // a block that is an attribute's value (settings = { ... }) adds no path segment of its own
    if (s instanceof HCLBlock block && !(parent instanceof HCLAttribute)) {
      here = append(path, block.blockNames);
      put(index, text, here, lineStart(text, offset(s)));
      if (block.blockNames.size() > 1) {
        // user "alice" { } also places [user], at its first block
        put(index, text, append(path, block.blockNames.subList(0, 1)), lineStart(text, offset(s)));
      }
    } else if (s instanceof HCLAttribute) {
      here = append(path, List.of(s.getName()));
      put(index, text, here, tokenStart(text, offset(s)));
    }
    if (s.getChildren() == null) {
      return;
    }
    int i = 0;
    for (Symbol child : s.getChildren()) {
      if (s instanceof HCLArray) {
        List<String> element = append(here, List.of(Integer.toString(i++)));
        put(index, text, element, child instanceof HCLValue ? tokenStart(text, offset(child)) : offset(child));
        walk(index, text, child, s, element);
      } else {
        walk(index, text, child, s, here);
      }
    }
  }

  private static int offset(Symbol s) {
    return s.getPosition() == null ? -1 : s.getPosition().intValue();
  }

  /** The first character of the token hcl4j placed at {@code offset}: for a string, its opening quote. */
  static int tokenStart(String text, int offset) {
    if (offset < 0 || offset >= text.length() || text.charAt(offset) != '"') {
      return offset;
    }
    for (int i = offset - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
      if (text.charAt(i) == '"' && !escaped(text, i)) {
        return i;
      }
    }
    return offset;
  }

  private static boolean escaped(String text, int i) {
    int backslashes = 0;
    for (int j = i - 1; j >= 0 && text.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  /** The first non-blank character of the line holding {@code offset}. */
  private static int lineStart(String text, int offset) {
    if (offset < 0 || offset > text.length()) {
      return offset;
    }
    int start = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1)) + 1;
    while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
      start++;
    }
    return start;
  }

  private static void put(PositionIndex index, String text, List<String> path, int offset) {
    if (offset >= 0) {
      index.putOffset(path, offset);
    }
  }

  private static List<String> append(List<String> path, List<String> more) {
    List<String> out = new ArrayList<>(path);
    out.addAll(more);
    return out;
  }
}
