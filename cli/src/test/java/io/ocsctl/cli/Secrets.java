package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds every crypt hash in a scenario's files and proves that none appears in an output. */
final class Secrets {
  private static final Pattern CRYPT =
      Pattern.compile("\\$(?:1|5|6|2[aby]|y)\\$[./A-Za-z0-9$]{8,}");

  private Secrets() {}

  static Set<String> hashesIn(Path dir) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file) && !file.getFileName().toString().contains("approved")) {
          Matcher m = CRYPT.matcher(Files.readString(file));
          while (m.find()) {
            out.add(m.group());
            // the part after the salt alone must not leak either
            out.add(m.group().substring(m.group().lastIndexOf('$') + 1));
          }
        }
      }
    }
    return out;
  }

  static void assertNoneIn(Path scenario, String output) throws IOException {
    for (String hash : hashesIn(scenario)) {
      if (hash.length() >= 8) {
        assertFalse(
            output.contains(hash),
            "a password hash appears in the output: " + hash.substring(0, 4) + "...");
      }
    }
  }
}
