package io.ocsctl.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What hcl4j's parser accepts silently and the loader must not. */
class HclStructureCheckTest {
  private static List<Diagnostic> errors(String text) {
    return assertThrows(InvalidInputException.class, () -> DesiredStateLoader.parse("t.hcl", text))
        .diagnostics();
  }

  @Test
  void attributeSetTwice() {
    Diagnostic d = errors("user \"a\" {\n  locked = true\n  locked = false\n}\n").get(0);
    assertEquals(List.of(3, 3), List.of(d.line(), d.column()));
    assertEquals("attribute \"locked\" is set twice in user \"a\" (first at line 2)", d.message());
  }

  @Test
  void optionSetTwice() {
    Diagnostic d =
        errors("server {\n  settings = {\n    \"dns\" = \"a\"\n    \"dns\" = \"b\"\n  }\n}\n")
            .get(0);
    assertEquals(
        "option \"dns\" is set twice in the server settings (first at line 3)", d.message());
  }

  @Test
  void blockDeclaredTwice() {
    List<Diagnostic> d = errors("server {}\nserver {}\ngroup \"g\" {}\ngroup \"g\" {}\n");
    assertEquals(
        List.of(
            "server block is declared twice (first at line 1)",
            "group \"g\" is declared twice (first at line 3)"),
        d.stream().map(Diagnostic::message).toList());
  }

  @Test
  void labelsMissingOrExtra() {
    List<Diagnostic> d = errors("user {}\ngroup \"a\" \"b\" {}\nserver \"x\" {}\n");
    assertEquals(
        List.of(
            "a user block needs a name",
            "a group block takes one name, not 2",
            "the server block takes no name"),
        d.stream().map(Diagnostic::message).toList());
  }
}
