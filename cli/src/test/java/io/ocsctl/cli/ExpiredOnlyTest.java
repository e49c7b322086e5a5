package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply -expired-only}, the timer's command: it applies the lock an expiry calls for and
 * nothing else pending, and says what it left (docs/lifecycle.md).
 */
class ExpiredOnlyTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");

  @TempDir Path tmp;
  Path root;
  String state;
  ScenarioTree tree;

  @BeforeEach
  void tree() throws Exception {
    tree = ScenarioTree.copy(SCENARIO, tmp);
    root = tree.root;
    state = tree.state;
  }

  private Cli.Run ocsctl(String... args) {
    return tree.ocsctl(args);
  }

  @Test
  void onlyTheExpiryLockIsAppliedAndTheRestIsLeft() throws Exception {
    String desired = Files.readString(SCENARIO.resolve("desired.hcl"));
    assertEquals(
        0,
        ocsctl("apply", "-f", SCENARIO.resolve("desired.hcl").toString(), "-auto-approve")
            .exitCode());
    Path changed = tmp.resolve("desired.hcl");
    Files.writeString(
        changed,
        desired
            .replace("\"keepalive\"         = 32400", "\"keepalive\"         = 32000")
            .replaceFirst("(user \"alice\" \\{\n)", "$1  expires = \"2020-01-01\"\n"));

    Cli.Run timer = ocsctl("apply", "-expired-only", "-auto-approve", "-f", changed.toString());
    assertEquals(0, timer.exitCode(), timer.out() + timer.err());
    assertTrue(timer.out().contains("# expired 2020-01-01"), timer.out());
    assertFalse(timer.out().contains("keepalive"), timer.out());
    assertTrue(timer.err().contains("-target left every other change"), timer.err());
    String passwd = Files.readString(root.resolve("etc/ocserv/ocpasswd"));
    assertTrue(
        passwd.contains("alice:")
            && passwd.lines().anyMatch(l -> l.startsWith("alice:") && l.contains(":!$6$")),
        passwd);
    assertTrue(
        Files.readString(root.resolve("etc/ocserv/ocserv.conf")).contains("keepalive = 32400"));

    Cli.Run left = ocsctl("plan", "-f", changed.toString());
    assertTrue(left.out().contains("keepalive"), left.out());
    assertFalse(left.out().contains("user[\"alice\"]"), left.out());

    Cli.Run again = ocsctl("apply", "-expired-only", "-auto-approve", "-f", changed.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().startsWith("No changes: no expiry or quota"), again.out());

    Cli.Run both =
        ocsctl("apply", "-expired-only", "-target", "user[\"bob\"]", "-f", changed.toString());
    assertEquals(1, both.exitCode());
    assertTrue(both.err().contains("not both"), both.err());
  }

  @Test
  void theDriftTimerExportsWhoExpiresSoonAndOptionallyEachUsersTraffic() throws Exception {
    String desired = Files.readString(SCENARIO.resolve("desired.hcl"));
    String soon = java.time.LocalDate.now(java.time.ZoneId.systemDefault()).plusDays(3).toString();
    Path file = tmp.resolve("desired.hcl");
    Files.writeString(
        file, desired.replaceFirst("(user \"alice\" \\{\n)", "$1  expires = \"" + soon + "\"\n"));
    assertEquals(0, ocsctl("apply", "-f", file.toString(), "-auto-approve").exitCode());
    java.util.Map<String, String> env =
        java.util.Map.of(
            "REASON",
            "disconnect",
            "USERNAME",
            "al\"ice",
            "STATS_BYTES_IN",
            "1000",
            "STATS_BYTES_OUT",
            "24");
    assertEquals(0, Cli.runWith(env, "", "account", "-state-dir", state).exitCode());

    Path metrics = tmp.resolve("ocsctl.prom");
    Cli.Run drift =
        ocsctl(
            "drift",
            "-f",
            file.toString(),
            "-no-server-check",
            "-prometheus",
            metrics.toString(),
            "-usage-metrics");
    assertEquals(0, drift.exitCode(), drift.out() + drift.err());
    String text = Files.readString(metrics);
    assertTrue(text.contains("ocsctl_users_expiring{days=\"7\"} 1\n"), text);
    // the next check is answered from the stamp, without parsing: the count comes with it
    assertEquals(
        0,
        ocsctl(
                "drift",
                "-f",
                file.toString(),
                "-no-server-check",
                "-prometheus",
                metrics.toString())
            .exitCode());
    String stamped = Files.readString(metrics);
    assertTrue(stamped.contains("ocsctl_users_expiring{days=\"7\"} 1\n"), stamped);
    assertTrue(
        text.contains(
            "ocsctl_user_traffic_bytes{user=\"al\\\"ice\",period=\""
                + java.time.YearMonth.now()
                + "\"} 1024\n"),
        text);
  }
}
