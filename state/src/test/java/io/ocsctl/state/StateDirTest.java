package io.ocsctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
  void keepsAnExistingDirectoryAsItIs() throws Exception {
    Path existing = Files.createDirectory(tmp.resolve("state"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));

    StateDir dir = StateDir.at(existing);

    assertEquals(
        "rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path())));
  }

  @Test
  void relativePathsBecomeAbsolute() throws Exception {
    assertEquals(Path.of("x").toAbsolutePath(), new StateDir(Path.of("./x")).path());
  }
}
