package io.ocsctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirTest {

  @TempDir Path tmp;

  @Test
  void createsMissingDirectoryWithOwnerOnlyMode() throws Exception {
    StateDir dir = StateDir.at(tmp.resolve("var/lib/ocsctl"));

    assertEquals(tmp.resolve("var/lib/ocsctl"), dir.path());
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path())));
    assertEquals(dir.path().resolve("lock"), dir.lockFile());
    assertEquals(dir.path().resolve("journal.json"), dir.journalFile());
    assertEquals(dir.path().resolve("history"), dir.historyDir());
  }

  @Test
  void refusesAnExistingDirectoryOpenToOthersNamingTheFix() throws Exception {
    Path existing = Files.createDirectory(tmp.resolve("state"));
    for (String mode : List.of("rwxrwxrwx", "rwxr-x---")) {
      Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString(mode));
      IOException e = assertThrows(IOException.class, () -> StateDir.at(existing));
      assertTrue(e.getMessage().endsWith("fix: chmod 700 " + existing), e.getMessage());
      assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
    }
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwx------"));
    StateDir.at(existing);
  }

  @Test
  void refusesADirectoryOwnedBySomeoneElse() throws Exception {
    Path existing = Files.createDirectory(tmp.resolve("state"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwx------"));
    UserPrincipal nobody;
    try {
      nobody =
          existing.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(existing, nobody);
    } catch (IOException notRoot) {
      Assumptions.assumeTrue(false, "chown needs root and a user 'nobody': " + notRoot);
      return;
    }
    IOException e = assertThrows(IOException.class, () -> StateDir.at(existing));
    assertTrue(e.getMessage().contains("is owned by nobody"), e.getMessage());
    assertTrue(e.getMessage().contains("fix: check it, then chown "), e.getMessage());
  }

  @Test
  void refusesAStateDirectoryReachedThroughASymlink() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createSymbolicLink(root.resolve("var"), outside);
    IOException e =
        assertThrows(IOException.class, () -> StateDir.at(root.resolve("var/lib/ocsctl")));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertFalse(Files.exists(outside.resolve("lib")), "nothing is created through the link");

    Path lib = Files.createDirectories(tmp.resolve("root2/var/lib"));
    Path real = Files.createDirectory(outside.resolve("state"));
    Files.createSymbolicLink(lib.resolve("ocsctl"), real);
    e = assertThrows(IOException.class, () -> StateDir.at(lib.resolve("ocsctl")));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
  }

  @Test
  void relativePathsBecomeAbsolute() throws Exception {
    assertEquals(Path.of("x").toAbsolutePath(), new StateDir(Path.of("./x")).path());
  }
}
