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
 * (a DNS server it no longer gets, reloaded; a password it no longer has, no reload) is rolled back
 * — the previous files are back byte for byte, the server runs them, a real user logs in, and a
 * plan of the original desired state says "No changes." — and a good change passes the canary and
 * is kept.
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
}
