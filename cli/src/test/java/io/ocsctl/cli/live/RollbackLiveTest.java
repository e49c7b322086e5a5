package io.ocsctl.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.occtl.BanEntry;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ocsctl rollback} against a real ocserv 1.1.6: a rolled-back option is in effect in the
 * running server afterwards, because rollback reloads ocserv exactly like an apply. The option is
 * {@code ban-points-wrong-password} (re-read by ocserv's sec-mod on reload), observed through the
 * score one wrong password adds to a client's address ({@code occtl show ip ban points}).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RollbackLiveTest {
  private static final String CLIENT = OcservHarness.REMOTE_CLIENT_IP;

  @Test
  void aRolledBackOptionIsInEffectAfterRollback() throws Exception {
    try (OcservHarness server = OcservHarness.start(Map.of("alice", "alice-secret-1"), Map.of())) {
      server.linkRemoteClient();
      OcservHarness.Desired desired =
          server
              .desired()
              .user("alice", "alice-secret-1")
              .setting("ban-points-wrong-password", "10");
      LiveCli.Run first = server.apply(desired);
      assertEquals(0, first.exitCode(), first.all());
      long tenPoints = pointsOfOneWrongPassword(server);

      LiveCli.Run changed = server.apply(desired.setting("ban-points-wrong-password", "3"));
      assertEquals(0, changed.exitCode(), changed.all());
      assertTrue(changed.out().contains("ocserv: occtl reload"), changed.all());
      long threePoints = pointsOfOneWrongPassword(server);
      assertEquals(
          7, tenPoints - threePoints, "the applied option is in effect: 3 points instead of 10");

      List<String> where = new ArrayList<>(server.target());
      LiveCli.Run history = server.ocsctl(args(List.of("history"), where));
      assertEquals(0, history.exitCode(), history.all());
      assertTrue(
          history.out().lines().count() >= 3,
          "the state before ocsctl, then the applies:\n" + history.out());

      long pid = server.serverPid();
      LiveCli.Run rollback =
          server.ocsctl(args(List.of("rollback", "HEAD~1", "-auto-approve"), where));
      assertEquals(0, rollback.exitCode(), rollback.all());
      assertTrue(rollback.out().contains("ban-points-wrong-password"), rollback.all());
      assertTrue(
          rollback
              .out()
              .contains("ocserv: occtl reload: ocserv (pid " + pid + ") re-read its configuration"),
          rollback.all());
      assertTrue(
          rollback.out().contains("Rollback complete; recorded as revision"), rollback.all());
      assertTrue(Files.readString(server.config()).contains("ban-points-wrong-password = 10"));
      assertEquals(
          tenPoints,
          pointsOfOneWrongPassword(server),
          "the rolled-back option is in effect: 10 points again");

      desired.setting("ban-points-wrong-password", "10");
      LiveCli.Run again = server.plan(desired, "-detailed-exitcode");
      assertEquals(0, again.exitCode(), again.all());
      assertTrue(again.out().startsWith("No changes."), again.all());
    }
  }

  /** The score one wrong password from the remote client adds to its address. */
  private static long pointsOfOneWrongPassword(OcservHarness server) throws Exception {
    long before = score(server);
    assertFalse(server.authenticateRemote("alice", "not-her-password").accepted());
    long end = System.nanoTime() + 5_000_000_000L;
    long after = score(server);
    while (after == before && System.nanoTime() < end) {
      Thread.sleep(100);
      after = score(server);
    }
    return after - before;
  }

  private static long score(OcservHarness server) throws Exception {
    return server.occtl().banPoints().value().stream()
        .filter(b -> b.ip().equals(CLIENT))
        .mapToLong(BanEntry::score)
        .sum();
  }

  private static String[] args(List<String> first, List<String> rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(rest);
    return all.toArray(String[]::new);
  }
}
