package com.bertramlabs.plugins.hcl4j;

import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

/**
 * Gives ocsctl hcl4j's symbol tree, which carries line numbers that {@link HCLParser#parse} drops.
 * It lives in hcl4j's package because the lexer is package-private; it is used only to place
 * error messages, so a file is lexed a second time only when it has errors.
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
