package io.ocsctl.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.occtl.BanEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code server.ban_allowlist} against a real ocserv 1.1.6: wrong passwords from a client outside
 * the server's own networks get its address banned (checked: ocserv never bans a client on a
 * network of its interfaces, so the client sits in a namespace of its own, see {@link
 * OcservHarness#linkRemoteClient}); the plan shows the unban, apply lifts the ban, and the client
 * logs in again.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BanAllowlistLiveTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CLIENT = OcservHarness.REMOTE_CLIENT_IP;

  @Test
  void aBannedAddressInTheAllowlistIsUnbannedByApply() throws Exception {
    // two wrong passwords (10 points each, plus 1 per connection) reach 20; a ban lasts 300 s
    Map<String, String> bans =
        Map.of("max-ban-score", "20", "ban-points-wrong-password", "10", "min-reauth-time", "300");
    try (OcservHarness server = OcservHarness.start(Map.of("alice", "alice-secret-1"), bans)) {
      server.linkRemoteClient();
      OcservHarness.Desired desired = server.desired().user("alice", "alice-secret-1");
      assertTrue(
          server.authenticateRemote("alice", "alice-secret-1").accepted(),
          "a login from " + CLIENT);
      for (int i = 0; i < 2; i++) {
        assertFalse(server.authenticateRemote("alice", "not-her-password").accepted());
      }
      VpnClient.Login refused = server.authenticateRemote("alice", "alice-secret-1");
      assertFalse(refused.accepted(), refused.output());
      assertTrue(
          refused
              .output()
              .contains("Failed to open HTTPS connection to " + OcservHarness.LINK_SERVER_IP),
          refused.output());

      List<String> where = List.of("--root", "/", "--config", server.config().toString());
      LiveCli.Run shown = server.ocsctl(args("bans", "-json", where));
      assertEquals(0, shown.exitCode(), shown.all());
      JsonNode banned = JSON.readTree(shown.out());
      assertEquals(CLIENT, banned.get(0).path("ip").asString(), shown.out());
      long score = banned.get(0).path("score").asLong();
      assertTrue(score >= 20, shown.out());

      // an allowlist that does not cover the client changes nothing
      LiveCli.Run elsewhere =
          server.plan(desired.banAllowlist("10.1.0.0/16"), "-detailed-exitcode");
      assertEquals(0, elsewhere.exitCode(), elsewhere.all());

      desired.banAllowlist(CLIENT, "2001:db8::/48");
      LiveCli.Run plan = server.plan(desired, "-detailed-exitcode");
      assertEquals(2, plan.exitCode(), plan.all());
      assertTrue(
          plan.out()
              .contains(
                  "On the running server, apply will also:\n  - unban ip "
                      + CLIENT
                      + " (banned, score "
                      + score
                      + "; in server.ban_allowlist)\n"),
          plan.out());
      assertTrue(
          plan.out().contains("Plan: 1 address to unban on the running server."), plan.out());
      JsonNode json = JSON.readTree(server.plan(desired, "-json").out());
      assertEquals(CLIENT, json.path("unbans").get(0).path("ip").asString(), json.toString());
      assertTrue(json.path("summary").path("has_changes").asBoolean());

      LiveCli.Run apply = server.apply(desired);
      assertEquals(0, apply.exitCode(), apply.all());
      assertTrue(
          apply
              .out()
              .contains(
                  "ocserv: unbanned ip "
                      + CLIENT
                      + " (score was "
                      + score
                      + "; in server.ban_allowlist)"),
          apply.all());
      assertTrue(
          apply.out().contains("No file changed, so no revision was recorded."), apply.all());
      List<BanEntry> left = server.occtl().bans().value();
      assertTrue(left.stream().noneMatch(b -> b.ip().equals(CLIENT)), left.toString());
      assertTrue(
          server.authenticateRemote("alice", "alice-secret-1").accepted(),
          "the client logs in again");

      LiveCli.Run again = server.plan(desired, "-detailed-exitcode");
      assertEquals(0, again.exitCode(), again.all());
      assertTrue(again.out().startsWith("No changes."), again.out());
    }
  }

  private static String[] args(Object... parts) {
    return java.util.Arrays.stream(parts)
        .flatMap(
            p ->
                p instanceof List<?> list
                    ? list.stream().map(Object::toString)
                    : java.util.stream.Stream.of(p.toString()))
        .toArray(String[]::new);
  }
}
