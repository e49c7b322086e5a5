package io.ocsctl.schema.load;

import com.bertramlabs.plugins.hcl4j.HclSymbols;
import com.bertramlabs.plugins.hcl4j.symbols.HCLArray;
import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.HCLValue;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the position index of an HCL file from hcl4j's symbol tree. Like the parse, the lexing is
 * done on {@link HclChunks#pieces} of whole top-level blocks, on all cores: hcl4j's lexer is
 * quadratic, and placing one error in a 10,000-user file took a minute on the whole text. hcl4j
 * records the character offset where it finished a token: the start of a bare name or number, the
 * closing quote of a string, the end of a block header. Each is turned here into the place a reader
 * looks at: the first character of the key, of the value, of the block's line.
 */
final class HclPositions {
  private HclPositions() {}

  /**
   * The index of {@code text}; a piece hcl4j cannot lex adds no positions (the parser accepted the
   * text, so positions are best effort), and the first position recorded for a path is kept.
   */
  static PositionIndex index(String file, String text) {
    PositionIndex index = new PositionIndex(file, text);
    List<String> pieces = HclChunks.pieces(text);
    List<List<Symbol>> symbols = pieces.parallelStream().map(HclPositions::symbols).toList();
    int start = 0;
    for (int p = 0; p < pieces.size(); p++) {
      Placer placer = new Placer(index, pieces.get(p), start);
      for (Symbol s : symbols.get(p)) {
        placer.walk(s, null, List.of());
      }
      start += pieces.get(p).length();
    }
    return index;
  }

  private static List<Symbol> symbols(String piece) {
    try {
      return HclSymbols.of(piece);
    } catch (Exception | StackOverflowError e) {
      return List.of();
    }
  }

  /** Places the symbols of one piece, whose offsets start at {@code start} in the whole text. */
  private record Placer(PositionIndex index, String text, int start) {
    void walk(Symbol s, Symbol parent, List<String> path) {
      HclPositions.walk(this, text, s, parent, path);
    }

    void put(List<String> path, int offset) {
      if (offset >= 0) {
        index.putOffset(path, start + offset);
      }
    }
  }

  private static void walk(Placer index, String text, Symbol s, Symbol parent, List<String> path) {
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
        put(
            index,
            text,
            element,
            child instanceof HCLValue ? tokenStart(text, offset(child)) : offset(child));
        index.walk(child, s, element);
      } else {
        index.walk(child, s, here);
      }
    }
  }

  private static int offset(Symbol s) {
    return s.getPosition() == null ? -1 : s.getPosition().intValue();
  }

  /**
   * The first character of the token hcl4j placed at {@code offset}: for a string, its opening
   * quote.
   */
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

  private static void put(Placer index, String text, List<String> path, int offset) {
    index.put(path, offset);
  }

  private static List<String> append(List<String> path, List<String> more) {
    List<String> out = new ArrayList<>(path);
    out.addAll(more);
    return out;
  }
}
