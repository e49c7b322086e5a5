package io.ocsctl.providers.occtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on what ocserv 1.1.6 really printed. */
class OcctlParserTest {
  @Test
  void status() throws Exception {
    Parsed<ServerStatus> parsed = OcctlParser.status(Captured.read("show-status.json"));
    ServerStatus s = parsed.value();
    assertTrue(parsed.complete(), parsed.problems().toString());
    assertEquals("online", s.status());
    assertTrue(s.serverPid() > 1 && s.secModPid() > 1, s.toString());
    assertEquals(3, s.activeSessions());
    assertEquals(0, s.ipsInBanList());
    assertTrue(s.uptimeSeconds() >= 0);
    assertEquals("<1ms", s.fields().get("Median latency"));
    assertEquals(List.copyOf(s.fields().keySet()).get(0), "Status");
  }

  @Test
  void users() throws Exception {
    Parsed<List<ConnectedUser>> parsed = OcctlParser.users(Captured.read("show-users.json"));
    assertTrue(parsed.complete(), parsed.problems().toString());
    List<ConnectedUser> users = parsed.value();
    assertEquals(3, users.size());
    assertEquals(List.of("bob", "bob", "alice"), users.stream().map(ConnectedUser::user).toList());
    ConnectedUser bob = users.get(0);
    assertEquals("eng", bob.group());
    assertEquals("connected", bob.state());
    assertEquals("default", bob.vhost());
    assertTrue(bob.device().startsWith("vpns"));
    assertEquals("127.0.0.1", bob.remoteIp());
    assertTrue(bob.vpnIpv4().startsWith("10.99.0."), bob.vpnIpv4());
    assertEquals(List.of("192.168.50.0/255.255.255.0"), bob.iroutes());
    assertEquals(List.of("10.98.0.0/255.255.0.0"), bob.routes());
    assertEquals(6, bob.session().length());
    assertEquals("", users.get(2).group(), "occtl's (none) reads as no group");
    assertTrue(users.stream().allMatch(u -> u.id() > 0));
  }

  @Test
  void trafficCountersOfTheTunDevice() throws Exception {
    // occtl prints the tun device's counters (netlink) as RX/TX after a "Limit RX"/"TX" pair of
    // rates; a user whose device occtl could not read has the rate's TX only
    List<ConnectedUser> users = OcctlParser.users(Captured.read("show-users-traffic.json")).value();
    assertEquals(7340032, users.get(0).rxBytes());
    assertEquals(1048576, users.get(0).txBytes());
    assertEquals(-1, users.get(1).rxBytes());
    assertEquals(-1, users.get(1).txBytes(), "a rate is not a counter");
    assertEquals(-1, OcctlParser.users(Captured.read("show-users.json")).value().get(0).rxBytes());
  }

  @Test
  void oneUserOneIdAndNobody() throws Exception {
    assertEquals(2, OcctlParser.users(Captured.read("show-user-bob.json")).value().size());
    List<ConnectedUser> byId = OcctlParser.users(Captured.read("show-id.json")).value();
    assertEquals(1, byId.size());
    assertEquals("alice", byId.get(0).user());
    Parsed<List<ConnectedUser>> nobody = OcctlParser.users(Captured.read("show-user-nobody.json"));
    assertEquals(List.of(), nobody.value());
    assertTrue(nobody.complete());
    assertEquals(List.of(), OcctlParser.users(Captured.read("show-users-empty.json")).value());
  }

  @Test
  void sessionsWithTrailingCommas() throws Exception {
    String text = Captured.read("show-sessions-all.json");
    assertTrue(text.contains("\"in_use\":  1,\n  }"), "the capture shows ocserv's trailing comma");
    Parsed<List<CookieSession>> all = OcctlParser.sessions(text);
    assertTrue(all.complete(), all.problems().toString());
    assertTrue(all.value().size() >= 3, all.value().toString());
    assertTrue(
        all.value().stream()
            .anyMatch(
                s -> s.user().equals("bob") && s.group().equals("eng") && s.open() && s.inUse()));
    assertTrue(
        all.value().stream()
            .allMatch(s -> s.session().length() == 6 && s.state().startsWith("authenticat")));
    Parsed<List<CookieSession>> valid =
        OcctlParser.sessions(Captured.read("show-sessions-valid.json"));
    assertTrue(valid.complete());
    List<CookieSession> one = OcctlParser.sessions(Captured.read("show-session.json")).value();
    assertEquals(1, one.size());
    assertEquals("alice", one.get(0).user());
    assertEquals(
        List.of(), OcctlParser.sessions(Captured.read("show-sessions-all-empty.json")).value());
  }

  @Test
  void iroutesPrintedAsOneObjectWithoutCommas() throws Exception {
    Parsed<List<IRouteEntry>> parsed = OcctlParser.iroutes(Captured.read("show-iroutes.json"));
    assertTrue(parsed.complete(), parsed.problems().toString());
    List<IRouteEntry> routes = parsed.value();
    assertEquals(List.of("bob", "bob", "alice"), routes.stream().map(IRouteEntry::user).toList());
    assertEquals(List.of("192.168.50.0/255.255.255.0"), routes.get(0).iroutes());
    assertEquals(List.of(), routes.get(2).iroutes());
    assertTrue(routes.get(2).vpnIp().startsWith("10.99.0."));
    assertFalse(routes.get(0).id() == routes.get(1).id());
    assertEquals(List.of(), OcctlParser.iroutes(Captured.read("show-iroutes-empty.json")).value());
  }

  @Test
  void bansAndPoints() throws Exception {
    List<BanEntry> bans = OcctlParser.bans(Captured.read("show-ip-bans.json")).value();
    assertEquals(1, bans.size());
    assertEquals("127.0.0.1", bans.get(0).ip());
    assertEquals(30, bans.get(0).score());
    assertFalse(bans.get(0).until().isEmpty());
    List<BanEntry> points = OcctlParser.bans(Captured.read("show-ip-ban-points.json")).value();
    assertEquals(new BanEntry("127.0.0.1", 30, ""), points.get(0));
    assertEquals(List.of(), OcctlParser.bans(Captured.read("show-ip-bans-empty.json")).value());
  }
}
