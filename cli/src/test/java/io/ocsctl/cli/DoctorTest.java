package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor on fixture trees: a pass/warn/fail line per check and exit 1 when one fails. */
class DoctorTest {
  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void tree() throws Exception {
    root = tmp.resolve("root");
    Trees.copy(Path.of("../examples/basic/live"), root);
    // git keeps no file modes but the executable bit: give ocpasswd the mode a server has
    Files.setPosixFilePermissions(
        root.resolve("etc/ocserv/ocpasswd"), PosixFilePermissions.fromString("rw-------"));
  }

  private Cli.Run doctor() {
    return Cli.run(
        "doctor", "--root", root.toString(), "--state-dir", tmp.resolve("state").toString());
  }

  @Test
  void aHealthyTreeThatIsNotRunningPasses() {
    Cli.Run run = doctor();
    assertEquals(0, run.exitCode(), run.out());
    assertTrue(run.out().contains("PASS  config"), run.out());
    assertTrue(run.out().contains("WARN  process"), run.out());
    assertTrue(
        run.out()
            .lines()
            .anyMatch(l -> l.startsWith("PASS  server-cert") && l.contains("more days")),
        run.out());
  }

  @Test
  void aWorldReadableOcpasswdFails() throws Exception {
    Files.setPosixFilePermissions(
        root.resolve("etc/ocserv/ocpasswd"), PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Run run = doctor();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.out().contains("FAIL  ocpasswd") && run.out().contains("chmod 600"), run.out());
  }

  @Test
  void anExpiredCertificateFails() throws Exception {
    Path template = tmp.resolve("expired.tmpl");
    Files.writeString(
        template,
        "cn = \"old.example.com\"\nactivation_date = \"2019-01-01 00:00:00\"\n"
            + "expiration_date = \"2020-01-01 00:00:00\"\ntls_www_server\n");
    Process p =
        new ProcessBuilder(
                io.ocsctl.providers.Binaries.require("certtool").toString(),
                "--generate-self-signed",
                "--load-privkey",
                root.resolve("etc/ocserv/server-key.pem").toString(),
                "--template",
                template.toString(),
                "--outfile",
                root.resolve("etc/ocserv/server-cert.pem").toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor());
    Cli.Run run = doctor();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(
        run.out().lines().anyMatch(l -> l.startsWith("FAIL  server-cert") && l.contains("expired")),
        run.out());
  }

  @Test
  void aLockLeftByADeadProcessFailsWithTheFix() throws Exception {
    Path state = tmp.resolve("state");
    Files.createDirectories(state);
    Files.writeString(
        state.resolve("lock"),
        "{\"pid\":999999,\"host\":\""
            + java.net.InetAddress.getLocalHost().getHostName()
            + "\",\"user\":\"root\",\"started\":\"2026-01-01T00:00:00Z\",\"operation\":\"apply\"}");
    Cli.Run run = doctor();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.out().contains("force-unlock"), run.out());
  }

  @Test
  void aStateDirectoryOpenToOthersFails() throws Exception {
    Path state = tmp.resolve("state");
    Files.createDirectories(state);
    Files.setPosixFilePermissions(
        state, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Cli.Run run = doctor();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(
        run.out().lines().anyMatch(l -> l.startsWith("FAIL  state") && l.contains("chmod 700")),
        run.out());
  }

  @Test
  void jsonListsEveryCheck() {
    Cli.Run run =
        Cli.run(
            "doctor",
            "--root",
            root.toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "-json");
    for (String name : List.of("config", "ocserv -t", "process", "ocpasswd")) {
      assertTrue(run.out().contains("\"name\" : \"" + name + "\""), run.out());
    }
  }
}
