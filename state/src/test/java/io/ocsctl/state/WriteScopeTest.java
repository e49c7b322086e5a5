package io.ocsctl.state;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19 item 1: staging, the layer every apply and rollback writes through, writes only managed
 * paths.
 */
class WriteScopeTest {
  @TempDir Path tmp;
  Path root;
  WriteScope scope;

  @BeforeEach
  void tree() throws Exception {
    root = Files.createDirectories(tmp.resolve("root/etc/ocserv")).getParent().getParent();
    scope =
        new WriteScope(
            root,
            Set.of(root.resolve("etc/ocserv/ocserv.conf"), root.resolve("etc/ocserv/ocpasswd")),
            Set.of(root.resolve("etc/ocserv/config-per-user")));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void managedFilesAndEntriesOfManagedDirectoriesAreStaged() {
    assertDoesNotThrow(
        () -> Staging.write(scope, root.resolve("etc/ocserv/ocpasswd"), bytes("a:*:x\n")));
    assertDoesNotThrow(
        () -> Staging.write(scope, root.resolve("etc/ocserv/config-per-user/bob"), bytes("")));
    assertDoesNotThrow(
        () -> Staging.delete(scope, root.resolve("etc/ocserv/config-per-user/carol")));
  }

  @Test
  void aTargetThatClimbsOutOfTheRootIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path victim = tmp.resolve("victim");
    Path climbing = Path.of(root + "/../../../" + victim);
    var e =
        assertThrows(
            WriteScope.OutsideException.class, () -> Staging.write(scope, climbing, bytes("x")));
    assertTrue(e.getMessage().contains("not one of the files ocsctl manages"), e.getMessage());
    assertFalse(Files.exists(victim));
    assertFalse(Files.exists(tmp.resolve(".victim.ocsctl-new")));
    assertThrows(WriteScope.OutsideException.class, () -> Staging.delete(scope, victim));
  }

  @Test
  void anUnmanagedFileInsideTheRootIsRefused() {
    assertThrows(
        WriteScope.OutsideException.class,
        () -> Staging.write(scope, root.resolve("etc/shadow"), bytes("root::0:0\n")));
    assertThrows(
        WriteScope.OutsideException.class,
        () -> Staging.write(scope, root.resolve("etc/ocserv/config-per-user/x/y"), bytes("")));
    assertFalse(Files.exists(root.resolve("etc/shadow")));
  }

  @Test
  void aSymlinkOnTheWayIsRefused() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("etc/ocserv/config-per-user"), outside);
    var e =
        assertThrows(
            WriteScope.OutsideException.class,
            () ->
                Staging.write(
                    scope, root.resolve("etc/ocserv/config-per-user/bob"), bytes("route = x\n")));
    assertTrue(e.getMessage().contains("is a symlink"), e.getMessage());
    try (var files = Files.list(outside)) {
      assertFalse(files.findAny().isPresent(), "nothing was written through the link");
    }
    Files.createSymbolicLink(root.resolve("etc/ocserv/ocpasswd"), tmp.resolve("outside/passwd"));
    assertThrows(
        WriteScope.OutsideException.class,
        () -> Staging.write(scope, root.resolve("etc/ocserv/ocpasswd"), bytes("a:*:x\n")));
  }
}
