package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files ocsctl writes get safe modes: ocpasswd 0600, others keep theirs, new ones 0644; no
 * leftovers.
 */
class FileModesTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");

  @TempDir Path tmp;

  @Test
  void modesAfterApply() throws Exception {
    Path root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    Path etc = root.resolve("etc/ocserv");
    Files.setPosixFilePermissions(
        etc.resolve("ocpasswd"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(
        etc.resolve("ocserv.conf"), PosixFilePermissions.fromString("rw-r-----"));
    Cli.Run run =
        Cli.run(
            "apply",
            "-f",
            SCENARIO.resolve("desired.hcl").toString(),
            "--root",
            root.toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "-auto-approve");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(etc.resolve("ocpasswd"))),
        "ocpasswd holds hashes: it is always written 0600");
    assertEquals(
        "rw-r-----",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(etc.resolve("ocserv.conf"))),
        "a replaced file keeps its mode");
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(etc.resolve("config-per-group/contractors"))),
        "a new file is 0644");
    try (Stream<Path> all = Files.walk(root)) {
      assertTrue(
          all.noneMatch(p -> p.getFileName().toString().contains(".ocsctl-")),
          "staged or backup files left behind");
    }
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("state/history"))),
        "the history holds hashes: 0700");
  }

  @Test
  void savedPlansAreOwnerOnly() throws Exception {
    Path plan = tmp.resolve("p.plan");
    Cli.Run run =
        Cli.run(
            "plan",
            "-f",
            SCENARIO.resolve("desired.hcl").toString(),
            "--root",
            SCENARIO.resolve("live").toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "-out",
            plan.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(plan)));
    assertTrue(run.err().contains("mode 0600"), run.err());
  }
}
