package io.ocsctl.schema.load;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HclBraceCheckTest {
  private static Diagnostic error(String text) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> HclBraceCheck.check("t.hcl", text));
    assertEquals(1, e.diagnostics().size());
    return e.diagnostics().get(0);
  }

  @Test
  void unclosedLastBlockIsReportedWhereItOpens() {
    Diagnostic d = error("user \"a\" {\n  locked = true\n}\nuser \"b\" {\n  locked = false\n");
    assertEquals(4, d.line());
    assertEquals(10, d.column());
    assertEquals("'{' is never closed", d.message());
  }

  @Test
  void nestedUnclosedBlocksNameTheOuterOne() {
    Diagnostic d = error("server {\n  settings = {\n    \"a\" = 1\n");
    assertEquals(2, d.line());
    assertEquals("'{' is never closed (1 more still open, the first at line 1)", d.message());
  }

  @Test
  void strayClosingBrace() {
    Diagnostic d = error("server {\n}\n}\n");
    assertEquals(3, d.line());
    assertEquals(1, d.column());
  }

  @Test
  void mismatchedBracket() {
    Diagnostic d = error("x = [1, 2}\n");
    assertEquals("unexpected '}': the '[' of line 1 is still open", d.message());
  }

  @Test
  void unterminatedStringPointsAtItsOpeningQuote() {
    Diagnostic d = error("user \"a\" {\n  groups = [\"eng]\n}\n");
    assertEquals(2, d.line());
    assertEquals(13, d.column());
    assertEquals("unterminated string", d.message());
  }

  @Test
  void interpolationIsRefused() {
    Diagnostic d = error("x = \"a${b}\"\n");
    assertEquals(7, d.column());
  }

  @Test
  void unterminatedBlockComment() {
    assertEquals("unterminated comment '/*'", error("x = 1\n/* open\n").message());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x = \"{ not a brace\"\n",
        "x = \"escaped \\\" quote {\"\n",
        "# comment with {\nx = 1\n",
        "// comment with [\nx = 1\n",
        "/* block { comment\n still [ */\nx = 1\n",
        "x = <<EOF\n{ heredoc [\nEOF\n",
        "x = \"$ alone, and %{ fine }\"\n",
        "server {\n  settings = { \"a\" = [1, 2] }\n}\n",
      })
  void acceptsBalancedTextAndIgnoresStringsAndComments(String text) {
    assertDoesNotThrow(() -> HclBraceCheck.check("t.hcl", text));
  }
}
