package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure leaves a working server and a working tool (issue 20): each reproduction of the
 * issue, then a following command that needs no person, and a last plan that says "No changes.".
 */
class FaultsTest {
  static final Path SCENARIO = ApplyCrashTest.SCENARIO;
  static final String DESIRED = ApplyCrashTest.DESIRED;

  @TempDir Path tmp;
  Path root;
  Path state;

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    state = root.resolve("var/lib/ocsctl");
  }

  Cli.Run apply() {
    return Cli.run("apply", "-f", DESIRED, "--root", root.toString(), "-auto-approve");
  }

  Cli.Run plan() {
    return Cli.run("plan", "-f", DESIRED, "--root", root.toString());
  }

  void assertConverged() {
    Cli.Run plan = plan();
    assertEquals(0, plan.exitCode(), plan.err());
    assertTrue(plan.out().contains("No changes."), plan.out());
  }

  Map<String, String> etc() throws IOException {
    return Trees.snapshot(root.resolve("etc"));
  }

  static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertEquals(0, p.waitFor());
    return p.pid();
  }

  static String host() throws IOException {
    return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
  }

  // 20.2: a dead holder's lock stopped every apply until force-unlock

  @Test
  void aLockLeftByAKilledApplyIsTakenOverByTheNextApply() throws Exception {
    Files.createDirectories(state);
    long pid = deadPid();
    Files.writeString(state.resolve("lock"), "{\"pid\":" + pid + ",\"host\":\"" + host()
        + "\",\"user\":\"root\",\"started\":\"2026-01-01T00:00:00Z\",\"operation\":\"apply\"}");
    Cli.Run run = apply();
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("took over the lock of pid " + pid + " on this host"), run.err());
    assertFalse(Files.exists(state.resolve("lock")));
    assertConverged();
  }

  @Test
  void anEmptyOrCorruptLockFileNeitherWedgesApplyNorForceUnlock() throws Exception {
    Files.createDirectories(state);
    Files.writeString(state.resolve("lock"), "{\"pid\":");
    Cli.Run unlock = Cli.run("force-unlock", "--root", root.toString());
    assertEquals(0, unlock.exitCode(), unlock.err());
    assertFalse(Files.exists(state.resolve("lock")), unlock.out());
    Files.writeString(state.resolve("lock"), "");
    Cli.Run run = apply();
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("took over an empty or unreadable lock file"), run.err());
    assertConverged();
  }

  @Test
  void aLockOfAnotherHostStillNeedsForceUnlock() throws Exception {
    Files.createDirectories(state);
    Files.writeString(state.resolve("lock"), "{\"pid\":" + deadPid() + ",\"host\":\"elsewhere-" + host()
        + "\",\"user\":\"root\",\"started\":\"2026-01-01T00:00:00Z\",\"operation\":\"apply\"}");
    Map<String, String> before = etc();
    Cli.Run run = apply();
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("on host elsewhere-"), run.err());
    assertEquals(before, etc());
  }

  // 20.1: a failure while staging left .NAME.ocsctl-new files behind

  @Test
  void aStagingFailureLeavesNoStagedFile() throws Exception {
    Path groups = root.resolve("etc/ocserv/config-per-group");
    Map<String, String> before = etc();
    Immutable.set(groups);
    try {
      Cli.Run run = apply();
      assertEquals(1, run.exitCode(), run.err());
      assertEquals(java.util.List.of(), ApplyCrashTest.leftovers(root));
      assertEquals(before, etc());
    } finally {
      Immutable.clear(groups);
    }
    Cli.Run run = apply();
    assertEquals(0, run.exitCode(), run.err());
    assertConverged();
  }
}
