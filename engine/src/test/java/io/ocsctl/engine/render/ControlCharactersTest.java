package io.ocsctl.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.MemoryLive;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.schema.Printable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19 item 6: a live ocpasswd name (or config value) full of terminal escapes is shown, never
 * obeyed, in every output format: text with and without colour, Markdown, summary and JSON.
 */
class ControlCharactersTest {
  static final String EVIL = "evil\u001b]0;pwned\u0007\u001b[2J\r\u009b31m\u007f\u202e";

  @TempDir Path tmp;
  Plan plan;

  @BeforeEach
  void planAgainstAnEvilTree() throws Exception {
    // the tree is in memory: the test is about what reaches a terminal, not about files
    MemoryLive live =
        new MemoryLive(
            Map.of(
                "/etc/ocserv/ocserv.conf",
                "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\ntcp-port = 443\n"
                    + "banner = \"hi\u001b[8mhidden\"\n",
                "/etc/ocserv/ocpasswd",
                "alice:*:$6$salt$hash\n" + EVIL + ":*:$6$salt$hash\n"));
    Path desired = tmp.resolve("desired.hcl");
    Files.writeString(
        desired,
        "server {\n  settings = {\n    \"auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n"
            + "    \"tcp-port\" = 443\n  }\n}\nuser \"alice\" {\n  password_hash = \"$6$salt$hash\"\n}\n");
    plan = live.plan(desired).plan();
    assertTrue(
        plan.resources().stream().anyMatch(r -> EVIL.equals(r.address().name())),
        "the plan deletes the user");
  }

  /** Only ocsctl's own colour codes (ESC [ digits m) may reach the terminal. */
  private static void assertInert(String output) {
    String withoutColours = output.replaceAll("\u001b\\[[0-9;]*m(?=[^\u001b]*)", "");
    for (char c : withoutColours.toCharArray()) {
      assertFalse(
          Printable.unsafe(c) && c != '\n' && c != '\t',
          String.format("U+%04X reached the output:%n%s", (int) c, withoutColours));
    }
    assertTrue(
        output.contains("evil\u241b]0;pwned\u2407\u241b[2J\u240d<U+009B>31m\u2421<U+202E>")
            || output
                .toLowerCase()
                .contains("evil\\u001b]0;pwned\\u0007\\u001b[2j\\r\\u009b31m\\u007f\\u202e"),
        output);
  }

  @Test
  void textWithoutColour() {
    assertInert(new TextRenderer(false).render(plan));
  }

  @Test
  void textWithColourKeepsOnlyItsOwnCodes() {
    String out = new TextRenderer(true).render(plan);
    assertInert(out);
    assertFalse(Pattern.compile("\u001b\\[(2J|8m)|\u001b\\]").matcher(out).find(), out);
  }

  @Test
  void markdownAndItsParts() {
    assertInert(MarkdownRenderer.render(plan, MarkdownRenderer.GITHUB_LIMIT));
    MarkdownRenderer.renderParts(plan, 2000).forEach(ControlCharactersTest::assertInert);
  }

  @Test
  void summary() {
    assertInert(SummaryRenderer.render(plan));
  }

  @Test
  void jsonEscapesC1DelAndBidiToo() {
    String json = JsonRenderer.render(plan);
    assertInert(json);
    assertTrue(json.contains("hi\\u001B[8mhidden"), json);
  }

  @Test
  void theHelperKeepsCleanTextAsItIs() {
    String clean = "route = 10.0.0.0/8\tkept\nnext line é ü 中";
    assertEquals(clean, Printable.text(clean));
    assertEquals("a\u240ab\u2409c", Printable.line("a\nb\tc"));
  }
}
