package io.ocsctl.cli.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code apply -verify} against a real ocserv with the real openconnect (see {@link
 * OcservHarness}), run in the server's network namespace: a change that breaks the canary's login
 * (a DNS server it no longer gets, reloaded; a password it no longer has, or a route its group no
 * longer gets, both read at the next login) is rolled back — the previous files are back byte for
 * byte, the server runs them, a real user logs in, and a plan of the original desired state says
 * "No changes." — and a good change passes the canary and is kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CanaryLiveTest {
  private static OcservHarness server;

  @BeforeAll
  static void start() throws Exception {
    server = OcservHarness.start(Map.of(), Map.of());
    server.openconnectInNamespace();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** The canary and alice in group eng (route 10.10.0.0/16), the server's DNS 10.99.0.1. */
  private static OcservHarness.Desired desired(String maxClients) {
    return server
        .desired()
        .setting("max-clients", maxClients)
        .group("eng", Map.of("route", "10.10.0.0/16"))
        .user("canary", "canary-secret-1", "eng")
        .user("alice", "alice-secret-1", "eng")
        .canary("canary", "canary-secret-1", List.of("10.10.0.0/16"), List.of("10.99.0.1"));
  }

  private static LiveCli.Run verify(OcservHarness.Desired d) throws Exception {
    return server.apply(d, "-verify");
  }

  private static void assertNoChanges(OcservHarness.Desired d) throws Exception {
    LiveCli.Run plan = server.plan(d, "-verify");
    assertEquals(0, plan.exitCode(), plan.all());
    assertTrue(plan.out().contains("No changes."), plan.all());
  }

  @Test
  @Order(1)
  void aGoodChangePassesTheCanaryAndIsKept() throws Exception {
    LiveCli.Run first = verify(desired("16"));
    assertEquals(0, first.exitCode(), first.all());
    assertTrue(
        first.out().contains("canary: log in as user[\"canary\"] at https://127.0.0.1:"),
        first.all());
    assertTrue(
        first.out().contains("canary login: PASS logged in as user \"canary\""), first.all());
    assertTrue(first.out().contains("canary routes: PASS pushed 10.10.0.0/16"), first.all());
    assertTrue(first.out().contains("canary dns: PASS pushed 10.99.0.1"), first.all());
    assertFalse(first.all().contains("canary-secret-1"), "the password is never printed");
    long pid = server.serverPid();
    LiveCli.Run good = verify(desired("17"));
    assertEquals(0, good.exitCode(), good.all());
    assertTrue(good.out().contains("occtl reload"), good.all());
    assertTrue(good.out().contains("canary dns: PASS"), good.all());
    assertTrue(Files.readString(server.config()).contains("max-clients = 17"));
    assertTrue(server.serverAlive());
    assertEquals(pid, server.serverPid());
    assertNoChanges(desired("17"));
    // the canary logged out: its session is gone
    assertTrue(server.occtl().user("canary").value().isEmpty());
  }

  @Test
  @Order(2)
  void aReloadedChangeThatBreaksTheCanaryIsRolledBackAndReloaded() throws Exception {
    Path conf = server.config();
    byte[] before = Files.readAllBytes(conf);
    LiveCli.Run bad = verify(desired("17").setting("dns", "10.99.0.2"));
    assertEquals(1, bad.exitCode(), bad.all());
    assertTrue(
        bad.err().contains("the canary check 'dns' failed: 10.99.0.1 was not pushed to the canary"),
        bad.all());
    assertTrue(bad.err().contains("previous files are in place"), bad.all());
    assertTrue(bad.err().contains("reloaded ocserv again: it runs the previous files"), bad.all());
    assertArrayEquals(before, Files.readAllBytes(conf), "ocserv.conf is back byte for byte");
    assertTrue(server.serverAlive(), server.serverLog());
    // a real user logs in, and gets the old DNS server again
    VpnClient.Login alice = server.authenticate("alice", "alice-secret-1");
    assertTrue(alice.accepted(), alice.output());
    assertNoChanges(desired("17"));
    LiveCli.Run again = verify(desired("17"));
    assertEquals(0, again.exitCode(), again.all());
    assertTrue(again.out().contains("No changes."), again.all());
  }

  @Test
  @Order(3)
  void anAuthChangeTheCanaryFailsIsRolledBack() throws Exception {
    Path passwd = server.dir().resolve("ocpasswd");
    byte[] before = Files.readAllBytes(passwd);
    // the user's password changes, the canary still logs in with the old one
    OcservHarness.Desired changed = desired("17").user("canary", "canary-secret-2", "eng");
    LiveCli.Run bad = verify(changed);
    assertEquals(1, bad.exitCode(), bad.all());
    assertTrue(bad.err().contains("the canary check 'login' failed"), bad.all());
    assertFalse(bad.all().contains("canary-secret"), "no password is ever printed");
    assertArrayEquals(before, Files.readAllBytes(passwd), "ocpasswd is back byte for byte");
    VpnClient.Login canary = server.authenticate("canary", "canary-secret-1");
    assertTrue(canary.accepted(), canary.output());
    VpnClient.Login alice = server.authenticate("alice", "alice-secret-1");
    assertTrue(alice.accepted(), alice.output());
    assertNoChanges(desired("17"));
  }

  @Test
  @Order(4)
  void theCanarysSessionIsNobodys() throws Exception {
    try (VpnClient canary = server.connect("canary", "canary-secret-1");
        VpnClient alice = server.connect("alice", "alice-secret-1")) {
      assertEquals(1, server.occtl().user("canary").value().size());
      LiveCli.Run plan =
          server.plan(
              desired("17").group("eng", Map.of("route", "10.10.0.0/16", "dns", "10.10.0.53")));
      assertTrue(
          plan.out()
              .contains(
                  "group[\"eng\"] changes apply at the next connect of its connected members: alice (1 session)\n"),
          plan.all());
      Path file = server.write(desired("17"));
      List<String> args =
          new java.util.ArrayList<>(List.of("drift", "-json", "-f", file.toString()));
      args.addAll(server.target());
      LiveCli.Run drift = server.ocsctl(args.toArray(String[]::new));
      assertTrue(drift.out().contains("\"connected_users\" : 1,"), drift.all());
      LiveCli.Run sessions =
          server.ocsctl(
              "sessions",
              "-f",
              file.toString(),
              "--root",
              "/",
              "--config",
              server.config().toString());
      assertEquals(0, sessions.exitCode(), sessions.all());
      assertTrue(sessions.out().contains(" alice "), sessions.all());
      assertFalse(sessions.out().contains(" canary "), sessions.all());
      assertTrue(
          sessions
              .err()
              .contains("(1 entry of the canary user \"canary\" left out: ocsctl's own login"),
          sessions.all());
      LiveCli.Run asked =
          server.ocsctl(
              "sessions",
              "-f",
              file.toString(),
              "-user",
              "canary",
              "--root",
              "/",
              "--config",
              server.config().toString());
      assertTrue(asked.out().contains(" canary "), asked.all());
    }
  }

  @Test
  @Order(5)
  void doctorAndTheDriftTimerLogInOnDemand() throws Exception {
    Path file = server.write(desired("17"));
    List<String> doctor =
        new java.util.ArrayList<>(List.of("doctor", "-login", "-json", "-f", file.toString()));
    doctor.addAll(server.target());
    LiveCli.Run run = server.ocsctl(doctor.toArray(String[]::new));
    assertTrue(
        run.out().contains("\"name\" : \"canary login\",\n    \"status\" : \"pass\""), run.all());
    assertTrue(
        run.out().contains("\"name\" : \"canary dns\",\n    \"status\" : \"pass\""), run.all());
    assertTrue(
        run.out()
            .matches("(?s).*\"login_seconds\" : 0\\.[0-9]+.*|(?s).*\"login_seconds\" : [1-9].*"),
        run.all());
    Path prom = server.dir().resolve("ocsctl.prom");
    List<String> drift =
        new java.util.ArrayList<>(
            List.of("drift", "-login", "-f", file.toString(), "-prometheus", prom.toString()));
    drift.addAll(server.target());
    LiveCli.Run timer = server.ocsctl(drift.toArray(String[]::new));
    assertEquals(0, timer.exitCode(), timer.all());
    assertTrue(timer.out().contains("Canary: PASS, login in "), timer.all());
    String metrics = Files.readString(prom);
    assertTrue(metrics.contains("\nocsctl_canary_success 1\n"), metrics);
    assertTrue(metrics.matches("(?s).*\nocsctl_canary_login_seconds [0-9.E-]+\n.*"), metrics);
    // a canary the server refuses: reported, with its metric at 0
    OcservHarness.Desired wrong =
        desired("17")
            .canary("canary", "not-the-password", List.of("10.10.0.0/16"), List.of("10.99.0.1"));
    Path wrongFile = server.write(wrong);
    drift.set(3, wrongFile.toString());
    LiveCli.Run failed = server.ocsctl(drift.toArray(String[]::new));
    assertTrue(failed.out().contains("Canary: FAIL"), failed.all());
    assertTrue(Files.readString(prom).contains("\nocsctl_canary_success 0\n"));
    assertFalse(Files.readString(prom).contains("ocsctl_canary_login_seconds"));
    doctor.set(4, wrongFile.toString());
    LiveCli.Run sick = server.ocsctl(doctor.toArray(String[]::new));
    assertEquals(1, sick.exitCode(), sick.all());
    assertFalse(sick.all().contains("not-the-password"));
  }

  @Test
  @Order(6)
  void aRouteTheCanarysGroupNoLongerGetsIsRolledBack() throws Exception {
    Path group = server.dir().resolve("config-per-group/eng");
    byte[] before = Files.readAllBytes(group);
    LiveCli.Run bad = verify(desired("17").group("eng", Map.of("route", "10.11.0.0/16")));
    assertEquals(1, bad.exitCode(), bad.all());
    assertTrue(
        bad.err()
            .contains(
                "the canary check 'routes' failed: 10.10.0.0/16 was not pushed to the canary"
                    + " (pushed: 10.11.0.0/16)"),
        bad.all());
    assertArrayEquals(before, Files.readAllBytes(group), "the group's file is back byte for byte");
    try (VpnClient alice = server.connect("alice", "alice-secret-1")) {
      assertTrue(alice.alive());
    }
    assertNoChanges(desired("17"));
  }

  @Test
  @Order(7)
  void aSavedPlanIsVerifiedToo() throws Exception {
    Path saved = server.dir().resolve("verify.plan");
    LiveCli.Run plan = server.plan(desired("18"), "-verify", "-out", saved.toString());
    assertEquals(0, plan.exitCode(), plan.all());
    assertTrue(plan.out().contains("canary: log in as user[\"canary\"]"), plan.all());
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "apply",
                "-auto-approve",
                "-verify",
                "-json",
                "-f",
                server.dir().resolve("desired.hcl").toString()));
    args.addAll(server.target());
    args.add(saved.toString());
    LiveCli.Run apply = server.ocsctl(args.toArray(String[]::new));
    assertEquals(0, apply.exitCode(), apply.all());
    // apply -json: the canary's checks are in the document
    assertTrue(apply.out().contains("\"canary\" : [ \"canary login: PASS"), apply.all());
    assertTrue(apply.out().contains("\"canary routes: PASS"), apply.all());
    assertNoChanges(desired("18"));
  }
}
