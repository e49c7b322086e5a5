package io.ocsctl.schema.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice",
        "bob.smith",
        "carol@example.com",
        "dave+vpn",
        "e_f-g",
        "0day",
        "A",
        "engineering"
      })
  void safeNames(String name) {
    assertEquals(Optional.empty(), Names.problem(name));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "al:ice      | the name contains ':' (it separates the fields of the ocpasswd file)",
        "a,b         | the name contains ',' (it separates groups in the ocpasswd file)",
        "team/alice  | the name contains '/' (it would name a file in another directory)",
        "..          | the name contains \"..\", which could point outside the config directory",
        "a..b        | the name contains \"..\", which could point outside the config directory",
        "'a b'       | the name contains a space",
        "-alice      | the name starts with '-', which ocpasswd and occtl would read as an option",
        ".hidden     | the name starts with '.', which makes a hidden file",
        "@home       | the name starts with '@'",
        "a$b         | the name contains '$'",
        "''          | the name is empty",
      })
  void unsafeNames(String name, String problem) {
    assertEquals(Optional.of(problem), Names.problem(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "a\u0007b", "a\u007fb"})
  void controlCharacters(String name) {
    assertTrue(Names.problem(name).isPresent());
  }

  @Test
  void tooLong() {
    assertEquals(
        Optional.of("the name is longer than 128 characters"), Names.problem("x".repeat(129)));
    assertEquals(Optional.empty(), Names.problem("x".repeat(128)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"vpn.example.com", "vpn2", "*.example.com", "a-b.example.org"})
  void hostNames(String name) {
    assertEquals(Optional.empty(), Names.vhostProblem(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"vpn/admin", "a..b", "-x", "a b", "", "vpn:443"})
  void badHostNames(String name) {
    assertTrue(Names.vhostProblem(name).isPresent(), name);
  }

  /** Whatever passes is safe as a file name and as an ocpasswd field. */
  @Property
  void acceptedNamesAreSafe(@ForAll String name) {
    if (Names.problem(name).isEmpty()) {
      assertTrue(name.matches("[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,127}") && !name.contains(".."), name);
    }
  }
}
