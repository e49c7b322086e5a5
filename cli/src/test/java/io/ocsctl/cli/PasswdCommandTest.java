package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.schema.validate.Crypt;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ocsctl passwd}: a SHA-512 crypt hash of the password read from standard input. */
class PasswdCommandTest {
  @Test
  void printsAHashThatVerifies() {
    Cli.Run run =
        Cli.runWith(
            Map.of(), "correct horse battery staple\nignored second line\n", "passwd", "-stdin");
    assertEquals(0, run.exitCode(), run.err());
    String hash = run.out().strip();
    assertEquals(hash + "\n", run.out(), "one line, nothing else");
    assertTrue(hash.startsWith("$6$"), hash);
    assertTrue(Crypt.isCrypt(hash), hash);
    assertTrue(Passwords.matches("correct horse battery staple", hash));
    assertFalse(Passwords.matches("correct horse battery stapler", hash));
    assertFalse(run.out().contains("correct horse") || run.err().contains("correct horse"));
  }

  @Test
  void everyHashHasItsOwnSalt() {
    String first = Cli.runWith(Map.of(), "same\n", "passwd", "--stdin").out().strip();
    String second = Cli.runWith(Map.of(), "same\n", "passwd", "--stdin").out().strip();
    assertNotEquals(first, second);
    assertTrue(Passwords.matches("same", first) && Passwords.matches("same", second));
  }

  @Test
  void unicodeAndSpacesArePartOfThePassword() {
    String hash = Cli.runWith(Map.of(), " pässwörd 中文 \n", "passwd", "-stdin").out().strip();
    assertTrue(Passwords.matches(" pässwörd 中文 ", hash));
    assertFalse(Passwords.matches("pässwörd 中文", hash));
  }

  @Test
  void anEmptyPasswordIsRefused() {
    for (String stdin : new String[] {"", "\n"}) {
      Cli.Run run = Cli.runWith(Map.of(), stdin, "passwd", "-stdin");
      assertEquals(1, run.exitCode());
      assertEquals("", run.out());
      assertTrue(run.err().contains("empty password"), run.err());
    }
  }
}
