package com.bertramlabs.plugins.hcl4j;

import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

/**
 * Gives ocsctl hcl4j's symbol tree, which carries the positions that {@link HCLParser#parse} drops.
 * It lives in hcl4j's package because the lexer is package-private. It is used only to build the
 * position index (to place an error, or to keep comments in {@code fmt}), so a file is lexed a
 * second time only then: hcl4j's lexer is slow on large files.
 */
public final class HclSymbols {
  private HclSymbols() {}

  /** The top-level symbols of {@code text}; positions are 0-based. */
  public static List<Symbol> of(String text) throws IOException, HCLParserException {
    HCLLexer lexer = new HCLLexer(new StringReader(text));
    lexer.yylex();
    return List.copyOf(lexer.elementStack);
  }
}
