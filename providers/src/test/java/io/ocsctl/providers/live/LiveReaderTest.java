package io.ocsctl.providers.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.schema.model.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live tree under --root: paths resolve inside it and nothing leads out of it. */
class LiveReaderTest {
  @TempDir Path root;

  private void write(String path, String text) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void absolutePathsInTheConfigResolveUnderTheRoot() throws Exception {
    write(
        "etc/ocserv/ocserv.conf",
        "auth = \"plain[passwd=/etc/ocserv/pw]\"\nconfig-per-user = /etc/ocserv/users/\n");
    write("etc/ocserv/pw", "alice:*:$6$x$y\n");
    write("etc/ocserv/users/alice", "route = 10.0.0.0/8\n");
    LiveState live = LiveReader.read(root, LiveReader.DEFAULT_CONFIG, Settings.EMPTY);
    assertEquals(root.resolve("etc/ocserv/pw"), live.paths().passwd().get());
    assertEquals(List.of("alice"), List.copyOf(live.passwd().entries().keySet()));
    assertEquals(List.of("10.0.0.0/8"), live.perUser().get("alice").settings().get("route"));
    assertTrue(live.fingerprints().containsKey(root.resolve("etc/ocserv/pw")));
  }

  @Test
  void aPathWithDotDotCannotLeaveTheRoot() throws Exception {
    write("etc/ocserv/ocserv.conf", "auth = \"plain[passwd=/../../../etc/shadow]\"\n");
    MalformedFileException e =
        assertThrows(
            MalformedFileException.class,
            () -> LiveReader.read(root, LiveReader.DEFAULT_CONFIG, Settings.EMPTY));
    assertTrue(e.getMessage().contains("leaves the --root"), e.getMessage());
  }

  @Test
  void aSymlinkPointingOutsideTheRootIsRefused() throws Exception {
    write("etc/ocserv/ocserv.conf", "auth = \"plain[passwd=/etc/ocserv/pw]\"\n");
    Path outside = Files.createTempFile("outside", ".txt");
    Files.createSymbolicLink(root.resolve("etc/ocserv/pw"), outside);
    MalformedFileException e =
        assertThrows(
            MalformedFileException.class,
            () -> LiveReader.read(root, LiveReader.DEFAULT_CONFIG, Settings.EMPTY));
    assertTrue(e.getMessage().contains("outside the --root"), e.getMessage());
    Files.delete(outside);
  }

  @Test
  void aSymlinkInAManagedDirectoryIsRefused() throws Exception {
    write("etc/ocserv/ocserv.conf", "config-per-user = /etc/ocserv/users/\n");
    Files.createDirectories(root.resolve("etc/ocserv/users"));
    Files.createSymbolicLink(root.resolve("etc/ocserv/users/bob"), Path.of("/etc/passwd"));
    assertThrows(
        MalformedFileException.class,
        () -> LiveReader.read(root, LiveReader.DEFAULT_CONFIG, Settings.EMPTY));
  }

  @Test
  void aPasswdLineOcservPassesOverIsKeptAndNoted() throws Exception {
    write("etc/ocserv/ocserv.conf", "auth = \"plain[passwd=/etc/ocserv/pw]\"\n");
    write("etc/ocserv/pw", "alice:*:$6$x$y\nbroken line\nbob:only-two\n");
    LiveState live = LiveReader.read(root, LiveReader.DEFAULT_CONFIG, Settings.EMPTY);
    assertEquals(List.of("alice"), List.copyOf(live.passwd().entries().keySet()));
    assertEquals("alice:*:$6$x$y\nbroken line\nbob:only-two\n", live.passwd().render());
    assertEquals(
        1,
        live.passwd().notes().size(),
        live.passwd().notes().toString()); // "bob:only-two" looks like a user's
  }

  @Test
  void aLatin1ByteInAnOptionIsAnErrorWithItsLine() throws Exception {
    write("etc/ocserv/ocserv.conf", "");
    Files.write(
        root.resolve("etc/ocserv/ocserv.conf"),
        "# l'\u00e9quipe\nbanner = \u00e0 bord\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    MalformedFileException e =
        assertThrows(
            MalformedFileException.class,
            () -> LiveReader.read(root, LiveReader.DEFAULT_CONFIG, Settings.EMPTY));
    assertEquals(2, e.line());
    assertEquals("/etc/ocserv/ocserv.conf", e.file());
  }

  @Test
  void desiredPathsWinOverLiveOnes() throws Exception {
    write("etc/ocserv/ocserv.conf", "auth = \"plain[passwd=/etc/ocserv/old]\"\n");
    Settings desired = new Settings(Map.of("auth", List.of("plain[passwd=/etc/ocserv/new]")));
    LiveState live = LiveReader.read(root, LiveReader.DEFAULT_CONFIG, desired);
    assertEquals(root.resolve("etc/ocserv/new"), live.paths().passwd().get());
  }
}
