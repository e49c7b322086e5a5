package io.ocsctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OS errors say what failed and why (issue 20, item 7), never a bare path. */
class OsErrorsTest {
  @TempDir Path tmp;

  @Test
  void namesTheFileAndTheReason() {
    assertEquals(
        "permission denied writing /etc/x (check its owner and mode with ls -ld, and immutable"
            + " attributes with lsattr -d)",
        OsErrors.describe(new AccessDeniedException("/etc/x")));
    assertEquals(
        "read-only file system: cannot write /etc/x",
        OsErrors.describe(new FileSystemException("/etc/x", null, "Read-only file system")));
    assertEquals(
        "no such file or directory: /etc/x", OsErrors.describe(new NoSuchFileException("/etc/x")));
    assertEquals(
        "no such file or directory: /etc/x (stage the new file first)",
        OsErrors.describe(new NoSuchFileException("/etc/x", null, "stage the new file first")));
    assertEquals("plain", OsErrors.describe(new IOException("plain")));
  }

  @Test
  void aFullDiskSaysHowMuchIsFreeWhere() {
    String said =
        OsErrors.describe(
            new FileSystemException(tmp.resolve("f").toString(), null, "No space left on device"));
    assertTrue(said.startsWith("no space left on device writing " + tmp.resolve("f") + " ("), said);
    assertTrue(said.contains(" bytes free on "), said);
  }
}
