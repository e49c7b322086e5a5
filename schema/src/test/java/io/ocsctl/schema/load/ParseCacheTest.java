package io.ocsctl.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse cache returns the same model as parsing, and never serves a tree it should not trust.
 */
class ParseCacheTest {
  @TempDir Path tmp;

  private Path desired(String text) throws Exception {
    Path file = tmp.resolve("desired.hcl");
    Files.writeString(file, text);
    return file;
  }

  private List<Path> entries() throws Exception {
    try (Stream<Path> s = Files.list(tmp.resolve("state/parse-cache"))) {
      return s.toList();
    }
  }

  static final String SERVER =
      "server { settings = { \"tcp-port\" = 443, \"auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\" } }\n";
  static final String STATE =
      SERVER + "user \"alice\" { password_hash = \"$6$abcdefgh$ijklmnopqrstuvwxyz\" }\n";

  @Test
  void aCachedTreeLoadsTheSameModel() throws Exception {
    Path file = desired(STATE);
    ParseCache cache = ParseCache.in(tmp.resolve("state"));
    var first = DesiredStates.load(file, cache);
    assertEquals(1, entries().size());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(entries().get(0))));
    var second = DesiredStates.load(file, cache);
    assertEquals(first.state(), second.state());
  }

  @Test
  void anInvalidFileIsNeverCachedAndStillFails() throws Exception {
    Path file = desired(SERVER + "user \"bob\" { lockd = true }\n");
    ParseCache cache = ParseCache.in(tmp.resolve("state"));
    assertThrows(InvalidInputException.class, () -> DesiredStates.load(file, cache));
    assertThrows(InvalidInputException.class, () -> DesiredStates.load(file, cache));
    assertTrue(!Files.exists(tmp.resolve("state/parse-cache")) || entries().isEmpty());
  }

  @Test
  void aWorldReadableEntryIsIgnored() throws Exception {
    Path file = desired(STATE);
    ParseCache cache = ParseCache.in(tmp.resolve("state"));
    DesiredStates.load(file, cache);
    Path entry = entries().get(0);
    Files.writeString(entry, "{\"server\":{\"settings\":{\"tcp-port\":1}}}");
    Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-r--r--"));
    var loaded = DesiredStates.load(file, cache);
    assertEquals(List.of("443"), loaded.state().server().settings().get("tcp-port"));
  }

  @Test
  void errorsInACachedFileStillGetTheirLine() throws Exception {
    // semantic errors are found on the model: a cached tree must still place them
    Path file =
        desired(
            SERVER
                + "user \"bob\" {\n  groups = [\"nope\"]\n"
                + "  password_hash = \"$6$abcdefgh$ijklmnopqrstuvwxyz\"\n}\n");
    ParseCache cache = ParseCache.in(tmp.resolve("state"));
    InvalidInputException first =
        assertThrows(InvalidInputException.class, () -> DesiredStates.load(file, cache));
    InvalidInputException second =
        assertThrows(InvalidInputException.class, () -> DesiredStates.load(file, cache));
    assertEquals(first.getMessage(), second.getMessage());
    assertEquals(3, second.diagnostics().get(0).line(), second.getMessage());
  }
}
