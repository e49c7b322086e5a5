package io.ocsctl.schema.load;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Fuzzes both loaders with generated documents made of the tokens that matter (braces, quotes,
 * escapes, labels, keys, comments, control characters): every input ends in a clean
 * {@link InvalidInputException} or a valid model, never in another exception or a hang.
 */
class LoaderFuzzTest {
  private final Path dir;

  LoaderFuzzTest() throws Exception {
    dir = Files.createTempDirectory("ocsctl-fuzz");
  }

  @AfterProperty
  void cleanUp() throws Exception {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Property(tries = 10_000)
  void hclInputsFailCleanlyOrLoad(@ForAll("hcl") String text) throws Exception {
    loadOrReject("fuzz.hcl", text);
  }

  @Property(tries = 10_000)
  void yamlInputsFailCleanlyOrLoad(@ForAll("yaml") String text) throws Exception {
    loadOrReject("fuzz.yaml", text);
  }

  private void loadOrReject(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        DesiredStates.load(file);
      } catch (InvalidInputException expected) {
        // a clean, placed error is the normal outcome of garbage
      }
    });
  }

  @Provide
  Arbitrary<String> hcl() {
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.of("server", "user", "group", "vhost", "firewall_policy", "settings", "groups", "password_hash",
            "locked", "firewall", "version", "{", "}", "[", "]", "=", ",", "\"", "\\", "\n", " ", "#", "//", "/*", "*/",
            "<<EOF", "EOF", "${", "$$", ":", "..", "/", "\t", "\r", "\u0000", "\u00e9", "true", "1", "443.0", "-"),
        Arbitraries.strings().ofMaxLength(6));
    return token.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> yaml() {
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.of("server:", "user:", "group:", "vhost:", "settings:", "groups:", "password_hash:", "locked:",
            "  ", "\n", "- ", "{", "}", "[", "]", ",", ":", "\"", "'", "&a", "*a", "!!str", "---", "...", "#", "|", ">",
            "\t", "\u0000", "? ", "%YAML 1.2", "true", "1", "alice", "$6$", "\\n"),
        Arbitraries.strings().ofMaxLength(6));
    return token.list().ofMaxSize(40).map(l -> String.join("", l));
  }
}
