package io.ocsctl.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.ocserv.Processes;
import io.ocsctl.state.StateDir;
import io.ocsctl.state.UsageLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Quotas and expiry against a real ocserv 1.1.6 (docs/lifecycle.md): the quota hook ocsctl installs
 * counts a session that moved traffic through the tunnel; a quota set just below what was counted
 * locks the user and ends its running session; an expiry in the past does the same; and every apply
 * ends with a plan that says No changes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LifecycleLiveTest {
  @Test
  void aUsedUpQuotaAndAnEndedAccountLockAndDisconnect() throws Exception {
    OcservHarness.requireEnvironment();
    // the command the hook runs: this build of ocsctl (the package's /usr/bin/ocsctl elsewhere)
    try (ThisBuild build = ThisBuild.launcher();
        OcservHarness server =
            OcservHarness.start(
                Map.of("alice", "alice-secret-1", "bob", "bob-secret-1"), Map.of())) {
      server.environment("OCSCTL_HOOK_COMMAND", build.command().toString());
      server.linkRemoteClient();
      OcservHarness.Desired desired =
          server
              .desired()
              .user("alice", "alice-secret-1")
              .user("bob", "bob-secret-1")
              .attribute("alice", "quota", "\"1GiB/month\"")
              // ocserv runs ocserv-fw for a restricted user, which then runs the configured
              // disconnect-script (OCSERV_NEXT_SCRIPT): the hook must still count her sessions
              .userSetting("alice", "restrict-user-to-routes", "true");
      LiveCli.Run first = server.apply(desired);
      assertEquals(0, first.exitCode(), first.all());
      assertTrue(first.out().contains("ocsctl-disconnect-hook"), first.all());
      assertNoChanges(server, desired);

      // one session that moves traffic, counted by the hook when it ends
      VpnClient session = server.connectRemoteWithTunnel("alice", "alice-secret-1");
      Processes.Result sent = server.inClientNamespace(List.of("python3", "-c", traffic()));
      assertTrue(sent.ok(), sent.stderr());
      session.close();
      UsageLedger ledger = new UsageLedger(StateDir.at(server.dir().resolve("state")));
      Instant from = Instant.now().minus(Duration.ofDays(1));
      Instant to = Instant.now().plus(Duration.ofDays(1));
      assertTrue(
          OcservHarness.waitFor(
              Duration.ofSeconds(30), () -> sessions(ledger, from, to).size() == 1),
          "the quota hook counted the session; ocserv's log:\n" + server.serverLog());
      UsageLedger.Session counted = sessions(ledger, from, to).get(0);
      long used = counted.bytesIn() + counted.bytesOut();
      assertTrue(counted.bytesIn() >= 270_000, "the traffic sent was counted: " + counted);

      // a quota just below the count: locked for the rest of the month, the running session ends
      VpnClient running = server.connect("alice", "alice-secret-1");
      desired.attribute("alice", "quota", "\"" + (used - 1) + "B/month\"");
      LiveCli.Run over = server.apply(desired);
      assertEquals(0, over.exitCode(), over.all());
      assertTrue(over.out().contains("# quota " + (used - 1) + "B/month used up"), over.all());
      assertTrue(running.waitForExit(Duration.ofSeconds(20)), "alice's session was ended");
      assertFalse(server.authenticate("alice", "alice-secret-1").accepted(), "alice is locked");
      assertNoChanges(server, desired);

      // an account that ended: locked and disconnected like any lock
      VpnClient bob = server.connect("bob", "bob-secret-1");
      desired.attribute("bob", "expires", "\"2020-01-01\"");
      LiveCli.Run expired = server.apply(desired);
      assertEquals(0, expired.exitCode(), expired.all());
      assertTrue(expired.out().contains("# expired 2020-01-01"), expired.all());
      assertTrue(bob.waitForExit(Duration.ofSeconds(20)), "bob's session was ended");
      assertFalse(server.authenticate("bob", "bob-secret-1").accepted(), "bob is locked");
      assertNoChanges(server, desired);
    }
  }

  private static void assertNoChanges(OcservHarness server, OcservHarness.Desired desired)
      throws Exception {
    List<String> args =
        new java.util.ArrayList<>(List.of("plan", "-f", server.write(desired).toString()));
    args.addAll(server.target());
    LiveCli.Run plan = server.ocsctl(args.toArray(String[]::new));
    assertEquals(0, plan.exitCode(), plan.all());
    assertTrue(plan.out().startsWith("No changes."), plan.all());
  }

  private static String traffic() {
    return "import socket, time\n"
        + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        + "for _ in range(300):\n"
        + "    s.sendto(b'x' * 1000, ('10.99.0.1', 9))\n"
        + "    time.sleep(0.002)\n";
  }

  private static List<UsageLedger.Session> sessions(UsageLedger ledger, Instant from, Instant to) {
    try {
      return ledger.read(from, to).sessions();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }
}
