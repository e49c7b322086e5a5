package io.ocsctl.providers.occtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a stand-in occtl: command lines, exit codes, timeouts, runaway output. */
class OcctlClientTest {
  @TempDir Path tmp;

  /** A program that records its arguments and then runs {@code body}. */
  private Occtl fake(String body, Duration timeout) throws Exception {
    Path program = tmp.resolve("occtl");
    Files.writeString(
        program, "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + tmp.resolve("args") + "\n" + body + "\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    return Occtl.of(program, tmp.resolve("occtl.sock"), timeout);
  }

  private List<String> args() throws Exception {
    return Files.readAllLines(tmp.resolve("args"));
  }

  @Test
  void queriesRunOcctlWithTheSocketAndJson() throws Exception {
    Files.copy(Captured.DIR.resolve("show-users.json"), tmp.resolve("users.json"));
    Occtl occtl = fake("cat " + tmp.resolve("users.json"), Occtl.DEFAULT_TIMEOUT);
    assertEquals(3, occtl.users().value().size());
    assertEquals(
        List.of("-s", tmp.resolve("occtl.sock").toString(), "-j", "show", "users"), args());
    occtl.user("bob");
    assertEquals(List.of("show", "user", "bob"), args().subList(3, 6));
  }

  @Test
  void anUnknownUserIsAnEmptyList() throws Exception {
    Occtl occtl = fake("printf '[\\n]\\n'; exit 2", Occtl.DEFAULT_TIMEOUT);
    assertEquals(List.of(), occtl.user("nobody").value());
  }

  @Test
  void aServerThatDoesNotAnswer() throws Exception {
    Occtl occtl =
        fake(
            "echo \"error connecting to ocserv socket '$2': No such file or directory\" >&2; exit 1",
            Occtl.DEFAULT_TIMEOUT);
    OcctlException e = assertThrows(OcctlException.class, occtl::status);
    assertTrue(
        e.getMessage().startsWith("ocserv does not answer on " + tmp.resolve("occtl.sock")),
        e.getMessage());
    assertFalse(occtl.answers(), "no socket file: not even asked");
  }

  @Test
  void aHungServerTimesOut() throws Exception {
    Occtl occtl = fake("exec sleep 30", Duration.ofMillis(300));
    long start = System.nanoTime();
    OcctlException e = assertThrows(OcctlException.class, occtl::status);
    assertTrue(e.getMessage().contains("no answer"), e.getMessage());
    assertTrue(System.nanoTime() - start < 10_000_000_000L);
  }

  @Test
  void runawayOutputIsRefused() throws Exception {
    Occtl occtl = fake("head -c 70000000 /dev/zero | tr '\\0' ' '", Occtl.DEFAULT_TIMEOUT);
    OcctlException e = assertThrows(OcctlException.class, occtl::users);
    assertTrue(e.getMessage().contains("more than 64 MiB"), e.getMessage());
  }

  @Test
  void actionsCheckWhatOcctlSaid() throws Exception {
    assertEquals(
        "Server scheduled to reload",
        fake("echo 'Server scheduled to reload'", Occtl.DEFAULT_TIMEOUT).reload());
    assertEquals(List.of("-s", tmp.resolve("occtl.sock").toString(), "reload"), args());
    Occtl refusing = fake("echo \"could not disconnect user '$5'\"", Occtl.DEFAULT_TIMEOUT);
    OcctlException e = assertThrows(OcctlException.class, () -> refusing.disconnectUser("bob"));
    assertTrue(e.getMessage().contains("could not disconnect user 'bob'"), e.getMessage());
    assertThrows(
        OcctlException.class,
        () -> fake("echo 'Error scheduling reload'; exit 1", Occtl.DEFAULT_TIMEOUT).reload());
  }

  @Test
  void unsafeArgumentsNeverReachOcctl() throws Exception {
    Occtl occtl = fake("echo ran", Occtl.DEFAULT_TIMEOUT);
    assertThrows(OcctlException.class, () -> occtl.disconnectUser("-h"));
    assertThrows(OcctlException.class, () -> occtl.user("bob reload"));
    assertThrows(OcctlException.class, () -> occtl.id("1; reload"));
    assertFalse(Files.exists(tmp.resolve("args")));
  }

  @Test
  void theProgramComesFromTheEnvironmentWhenSet() throws Exception {
    fake("true", Occtl.DEFAULT_TIMEOUT);
    assertEquals(
        tmp.resolve("occtl"),
        Occtl.program(Map.of(Occtl.PROGRAM_ENV, tmp.resolve("occtl").toString())));
    assertThrows(
        OcctlException.class,
        () -> Occtl.program(Map.of(Occtl.PROGRAM_ENV, tmp.resolve("missing").toString())));
  }

  @Test
  void theSocketComesFromOcservConfUnderTheRoot() throws Exception {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("etc/ocserv"));
    assertEquals(
        root.resolve("var/run/occtl.socket"), OcctlSocket.read(root, "/etc/ocserv/ocserv.conf"));
    Files.writeString(
        root.resolve("etc/ocserv/ocserv.conf"),
        "tcp-port = 443\nocctl-socket-file = /run/ocserv/occtl.sock\n");
    assertEquals(
        root.resolve("run/ocserv/occtl.sock"), OcctlSocket.read(root, "/etc/ocserv/ocserv.conf"));
  }
}
