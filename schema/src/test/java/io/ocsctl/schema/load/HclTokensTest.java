package io.ocsctl.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocsctl.schema.load.HclTokens.Kind;
import io.ocsctl.schema.load.HclTokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class HclTokensTest {
  private static List<String> tokens(String text) {
    return HclTokens.of(text).stream()
        .filter(t -> t.kind() != Kind.NEWLINE)
        .map(t -> t.kind() + ":" + t.text() + "@" + t.line() + ":" + t.column())
        .toList();
  }

  @Test
  void namesStringsAndPunctuationWithTheirPlaces() {
    assertEquals(
        List.of(
            "NAME:user@1:1",
            "STRING:a\"b\nc@1:6",
            "OPEN_BRACE:{@1:16",
            "NAME:locked@2:3",
            "EQUALS:=@2:10",
            "NAME:true@2:12",
            "CLOSE_BRACE:}@3:1"),
        tokens("user \"a\\\"b\\nc\" {\n  locked = true\n}\n"));
  }

  @Test
  void commentsAndHeredocsAreSkipped() {
    assertEquals(
        List.of(
            "NAME:a@2:1",
            "EQUALS:=@2:3",
            "OTHER_VALUE:<<EOF@2:5",
            "NAME:b@5:1",
            "EQUALS:=@5:3",
            "OTHER_VALUE:1@5:5"),
        tokens("# one\na = <<EOF\n{ not a brace\nEOF\nb = 1 // two\n/* three\n four */\n"));
  }

  @Test
  void newlinesAreTokens() {
    List<Token> t = HclTokens.of("a = 1\n\nb = 2\n");
    assertEquals(3, t.stream().filter(x -> x.kind() == Kind.NEWLINE).count());
    assertEquals(3, t.get(t.size() - 2).line());
  }
}
