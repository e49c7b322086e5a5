package io.ocsctl.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DiagnosticTest {
  @Test
  void rendersPlaceExcerptCaretAndHint() {
    Diagnostic d =
        new Diagnostic(
            "a.hcl",
            12,
            5,
            "unknown option \"max-client\"",
            "did you mean \"max-clients\"?",
            "    \"max-client\" = 3");
    assertEquals(
        String.join(
            "\n",
            "a.hcl:12:5: error: unknown option \"max-client\"",
            " 12 |     \"max-client\" = 3",
            "    |     ^",
            "  = fix: did you mean \"max-clients\"?"),
        d.render());
  }

  @Test
  void withoutPlaceOrExcerpt() {
    assertEquals(
        "a.hcl: error: the file is empty\n  = fix: declare a server",
        new Diagnostic("a.hcl", 0, 0, "the file is empty", "declare a server", "").render());
    assertEquals(
        "a.hcl:3: error: bad\n 3 | x = 1",
        new Diagnostic("a.hcl", 3, 0, "bad", "", "x = 1").render());
  }

  @Test
  void caretFollowsTabs() {
    String r = new Diagnostic("a", 1, 3, "m", "", "\t\tx = 1").render();
    assertEquals(" 1 | \t\tx = 1\n   | \t\t^", r.substring(r.indexOf('\n') + 1));
  }

  @Test
  void longLinesAreCutAroundTheColumn() {
    String line = "x".repeat(300) + "HERE" + "y".repeat(300);
    String r = new Diagnostic("a", 1, 301, "m", "", line).render();
    String[] lines = r.split("\n");
    assertEquals(lines[1].indexOf("HERE"), lines[2].indexOf('^'));
    assertEquals(true, lines[1].length() < 140);
  }

  @Test
  void controlCharactersOfTheExcerptBecomeVisible() {
    String r = new Diagnostic("a", 1, 6, "m", "", "x = \"a\u0000b\"").render();
    assertEquals(" 1 | x = \"a\u2400b\"", r.split("\n")[1]);
  }

  @Test
  void quoteEscapes() {
    assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\"", Diagnostic.quote("a\"b\\c\nd\te\u0001"));
    assertEquals("\"caf\u00e9\"", Diagnostic.quote("caf\u00e9"));
  }

  @Property
  void quotedTextHoldsNoControlCharacter(@ForAll String s) {
    assertFalse(Diagnostic.quote(s).chars().anyMatch(c -> c < 0x20 || c == 0x7f), s);
  }
}
