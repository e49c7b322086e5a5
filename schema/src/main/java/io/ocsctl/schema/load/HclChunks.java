package io.ocsctl.schema.load;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import io.ocsctl.schema.load.HclTokens.Kind;
import io.ocsctl.schema.load.HclTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Parses a large HCL file as independent pieces of whole top-level blocks. hcl4j's lexer takes time
 * quadratic in the size of its input (a 10,000-user file took a minute), so it is given pieces of
 * about {@link #PIECE_LINES} lines, on all cores, and the results are merged the way hcl4j merges
 * blocks: a label seen twice becomes a list, which the loader reports as a duplicate. Any piece
 * that fails makes the caller parse the whole file again, for hcl4j's own error.
 */
final class HclChunks {
  static final int PIECE_LINES = 400;

  private HclChunks() {}

  static Map<String, Object> parse(String text) throws Exception {
    List<String> pieces = pieces(text);
    if (pieces.size() == 1) {
      return new HCLParser().parse(text);
    }
    List<Map<String, Object>> parsed;
    try {
      parsed =
          pieces.parallelStream()
              .map(
                  piece -> {
                    try {
                      return new HCLParser().parse(piece);
                    } catch (Exception e) {
                      throw new CompletionException(e);
                    }
                  })
              .toList();
    } catch (CompletionException e) {
      throw (Exception) e.getCause();
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Map<String, Object> part : parsed) {
      part.forEach((key, value) -> merge(merged, key, value));
    }
    return merged;
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, String key, Object value) {
    Object existing = into.get(key);
    if (existing == null) {
      into.put(
          key,
          value instanceof Map<?, ?> m && isLabelled(key)
              ? new LinkedHashMap<>((Map<String, Object>) m)
              : value);
    } else if (isLabelled(key)
        && existing instanceof Map<?, ?> labels
        && value instanceof Map<?, ?> more) {
      Map<String, Object> target = (Map<String, Object>) labels;
      ((Map<String, Object>) more)
          .forEach(
              (label, block) -> {
                Object before = target.get(label);
                target.put(label, before == null ? block : List.of(before, block));
              });
    } else if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
      into.put(key, List.of(existing, value)); // a second server block: reported as a duplicate
    } else {
      into.put(key, value);
    }
  }

  private static boolean isLabelled(String key) {
    return TreeNormalizer.LABELLED_BLOCKS.contains(key);
  }

  /** The text cut after top-level blocks into pieces of about PIECE_LINES lines. */
  static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int pieceStartLine = 1;
    int pieceStartOffset = 0;
    int[] lineOffsets = lineOffsets(text);
    for (Token t : HclTokens.of(text)) {
      if (t.kind() == Kind.OPEN_BRACE || t.kind() == Kind.OPEN_BRACKET) {
        depth++;
      } else if (t.kind() == Kind.CLOSE_BRACE || t.kind() == Kind.CLOSE_BRACKET) {
        depth--;
      } else if (t.kind() == Kind.NEWLINE
          && depth == 0
          && t.line() - pieceStartLine >= PIECE_LINES) {
        int end = lineOffsets[t.line()];
        out.add(text.substring(pieceStartOffset, end));
        pieceStartOffset = end;
        pieceStartLine = t.line() + 1;
      }
    }
    if (pieceStartOffset < text.length() || out.isEmpty()) {
      out.add(text.substring(pieceStartOffset));
    }
    return out;
  }

  /** offsets[n] = index just past line n (1-based), so offsets[n] starts line n + 1. */
  private static int[] lineOffsets(String text) {
    List<Integer> ends = new ArrayList<>();
    ends.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        ends.add(i + 1);
      }
    }
    ends.add(text.length());
    return ends.stream().mapToInt(Integer::intValue).toArray();
  }
}
