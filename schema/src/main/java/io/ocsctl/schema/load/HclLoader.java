package io.ocsctl.schema.load;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.bertramlabs.plugins.hcl4j.HclSymbols;
import com.bertramlabs.plugins.hcl4j.symbols.HCLArray;
import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads an HCL desired-state file with hcl4j, closing the holes hcl4j leaves (DESIGN.md). */
final class HclLoader {
  private static final Pattern HCL4J_POSITION = Pattern.compile("[Ll]ine:? ?(\\d+)(?:,? [Cc]olumn:? ?(\\d+))?");

  private HclLoader() {}

  static SourceFile load(String file, String text) throws InvalidInputException {
    HclBraceCheck.check(file, text);
    Map<String, Object> parsed;
    try {
      parsed = new HCLParser().parse(text);
    } catch (HCLParserException | RuntimeException | java.io.IOException e) {
      throw new InvalidInputException(parseError(file, text, e));
    }
    return new SourceFile(file, TreeNormalizer.fromHcl(file, parsed), () -> index(file, text));
  }

  private static Diagnostic parseError(String file, String text, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.lines().findFirst().orElse(message);
    Matcher m = HCL4J_POSITION.matcher(message);
    int line = 0;
    int column = 0;
    if (m.find()) {
      line = Integer.parseInt(m.group(1)) + 1;
      column = m.group(2) == null ? 0 : Integer.parseInt(m.group(2)) + 1;
    }
    String[] lines = text.split("\n", -1);
    String excerpt = line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
    return new Diagnostic(file, line, column, "HCL syntax error: " + message,
        "check the HCL syntax near this place (quotes, '=', braces)", excerpt);
  }

  /** Builds the position index from hcl4j's symbols (0-based lines, end columns). */
  private static PositionIndex index(String file, String text) {
    PositionIndex index = new PositionIndex(file, text);
    try {
      for (Symbol s : HclSymbols.of(text)) {
        walk(index, s, null, new ArrayList<>());
      }
    } catch (Exception e) {
      return PositionIndex.empty(file);
    }
    return index;
  }

  private static void walk(PositionIndex index, Symbol s, Symbol parent, List<String> path) {
    List<String> here = new ArrayList<>(path);
    // a block that is an attribute's value (settings = { ... }) adds no path segment of its own
    if (s instanceof HCLBlock block && !(parent instanceof HCLAttribute)) {
      here.addAll(block.blockNames);
      put(index, here, s, block.blockNames.get(0));
    } else if (s instanceof HCLAttribute) {
      here.add(s.getName());
      put(index, here, s, s.getName());
    }
    if (s.getChildren() == null) {
      return;
    }
    int i = 0;
    for (Symbol child : s.getChildren()) {
      if (s instanceof HCLArray) {
        List<String> element = new ArrayList<>(here);
        element.add(Integer.toString(i++));
        put(index, element, child, null);
        walk(index, child, s, element);
      } else {
        walk(index, child, s, here);
      }
    }
  }

  private static void put(PositionIndex index, List<String> path, Symbol s, String name) {
    if (s.getLine() == null) {
      return;
    }
    int line = s.getLine() + 1;
    String text = index.lineText(line);
    int column = name == null ? -1 : text.indexOf(name);
    if (column < 0) {
      column = text.length() - text.stripLeading().length();
    }
    index.put(path, line, column + 1);
  }
}
