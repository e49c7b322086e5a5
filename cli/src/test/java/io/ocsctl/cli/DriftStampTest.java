package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drift check that finds the server in sync stamps what it read (the state directory's {@code
 * drift-stamp}); the next check answers from it only while every one of those inputs is unchanged.
 * A full check writes a new stamp under a new random key, so an unchanged stamp file proves the
 * shortcut was taken.
 */
class DriftStampTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");

  @TempDir Path tmp;
  Path root;
  Path desired;
  Path state;
  Path stamp;

  @BeforeEach
  void appliedWithAPasswordFromTheEnvironment() throws Exception {
    root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    desired = tmp.resolve("desired.hcl");
    Files.writeString(
        desired,
        Files.readString(SCENARIO.resolve("desired.hcl"))
            + "\nuser \"dave\" {\n  groups = [\"engineering\"]\n  password = { env = \"DAVE_PW\" }\n}\n");
    state = tmp.resolve("state");
    stamp = state.resolve("drift-stamp");
    Cli.Run apply =
        Cli.runWith(
            Map.of("DAVE_PW", "first secret"),
            "",
            "apply",
            "-f",
            desired.toString(),
            "--root",
            root.toString(),
            "--state-dir",
            state.toString(),
            "-auto-approve");
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
  }

  private Cli.Run drift(String secret) {
    return Cli.runWith(
        Map.of("DAVE_PW", secret),
        "",
        "drift",
        "-f",
        desired.toString(),
        "--root",
        root.toString(),
        "--state-dir",
        state.toString(),
        "-no-server-check");
  }

  private byte[] inSyncTwice() throws Exception {
    Cli.Run full = drift("first secret");
    assertEquals(0, full.exitCode(), full.out() + full.err());
    byte[] written = Files.readAllBytes(stamp);
    Cli.Run reused = drift("first secret");
    assertEquals(full.out(), reused.out());
    assertEquals(0, reused.exitCode());
    assertArrayEquals(written, Files.readAllBytes(stamp), "the second check took the shortcut");
    return written;
  }

  @Test
  void anUnchangedServerIsAnsweredFromTheStamp() throws Exception {
    inSyncTwice();
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stamp)));
    assertFalse(Files.readString(stamp).contains("first secret"), "secrets are stamped as HMACs");
  }

  @Test
  void aHandEditOfAnyManagedFileIsSeen() throws Exception {
    inSyncTwice();
    Files.writeString(
        root.resolve("etc/ocserv/ocpasswd"),
        "eve:*:$6$abcdefgh$ijklmnop\n",
        StandardOpenOption.APPEND);
    Cli.Run run = drift("first secret");
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("+ user[\"eve\"]  added outside ocsctl"), run.out());
    assertFalse(Files.exists(stamp), "a check that finds drift removes the stamp");
  }

  @Test
  void aFileAddedToAManagedDirectoryIsSeen() throws Exception {
    inSyncTwice();
    Files.writeString(root.resolve("etc/ocserv/config-per-user/alice"), "route = 10.9.0.0/16\n");
    Cli.Run run = drift("first secret");
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("user[\"alice\"]"), run.out());
  }

  @Test
  void aFileTouchedButUnchangedKeepsTheShortcut() throws Exception {
    byte[] before = inSyncTwice();
    Path conf = root.resolve("etc/ocserv/ocserv.conf");
    Files.writeString(conf, Files.readString(conf));
    assertEquals(0, drift("first secret").exitCode());
    assertArrayEquals(before, Files.readAllBytes(stamp), "content, not timestamps, decides");
  }

  @Test
  void aChangedDesiredStateIsPending() throws Exception {
    inSyncTwice();
    Files.writeString(
        desired, Files.readString(desired).replaceFirst("(\"max-clients\"\\s*=\\s*)32", "$164"));
    Cli.Run run = drift("first secret");
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("server"), run.out());
  }

  @Test
  void aChangedSecretIsPending() throws Exception {
    inSyncTwice();
    Cli.Run run = drift("second secret");
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("user[\"dave\"]"), run.out());
  }

  @Test
  void aNewApplyIsANewBaseline() throws Exception {
    inSyncTwice();
    Files.writeString(
        desired, Files.readString(desired).replaceFirst("(\"max-clients\"\\s*=\\s*)32", "$164"));
    Cli.Run apply =
        Cli.runWith(
            Map.of("DAVE_PW", "first secret"),
            "",
            "apply",
            "-f",
            desired.toString(),
            "--root",
            root.toString(),
            "--state-dir",
            state.toString(),
            "-auto-approve");
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    String revision = apply.out().replaceAll("(?s).*Recorded as revision (\\w+).*", "$1");
    Cli.Run run = drift("first secret");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("(" + revision + ")"), revision + " in " + run.out());
  }

  @Test
  void anotherRootIsCheckedInFull() throws Exception {
    byte[] before = inSyncTwice();
    Path copy = tmp.resolve("copy");
    Trees.copy(root, copy);
    Files.writeString(
        copy.resolve("etc/ocserv/ocpasswd"),
        "eve:*:$6$abcdefgh$ijklmnop\n",
        StandardOpenOption.APPEND);
    Cli.Run run =
        Cli.runWith(
            Map.of("DAVE_PW", "first secret"),
            "",
            "drift",
            "-f",
            desired.toString(),
            "--root",
            copy.toString(),
            "--state-dir",
            state.toString(),
            "-no-server-check");
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertFalse(Files.exists(stamp) && java.util.Arrays.equals(before, Files.readAllBytes(stamp)));
  }

  @Test
  void aDamagedStampOnlyCostsTheShortcut() throws Exception {
    inSyncTwice();
    Files.writeString(stamp, "head=\\u00zz\nlive./etc=\n");
    Cli.Run run = drift("first secret");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("In sync"), run.out());
  }
}
