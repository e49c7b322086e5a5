package io.ocsctl.engine.server;

import static io.ocsctl.engine.server.ServerActionsTest.change;
import static io.ocsctl.engine.server.ServerActionsTest.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.Address;
import io.ocsctl.engine.plan.FirewallPolicies;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.providers.occtl.LiveSessions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which live sessions keep firewall rules a plan changes, and how the plan says so. */
class FirewallSessionsTest {
  private static final LiveSessions LIVE =
      new LiveSessions(
          true,
          Map.of("alice", 1, "bob", 2, "carol", 1, "dave", 0),
          Map.of("alice", Set.of("web"), "bob", Set.of("web", "ops"), "carol", Set.of("ops")),
          true,
          List.of());

  private static Map<String, Integer> affected(Plan plan) {
    return FirewallPolicies.affectedSessions(plan.resources(), plan.live());
  }

  @Test
  void aGroupsPolicyReachesItsConnectedMembers() {
    Plan plan =
        plan(
                change(Address.policy("web-only"), Action.UPDATE, "restrict-user-to-ports"),
                change(Address.group("web"), Action.UPDATE, "restrict-user-to-ports"))
            .withLive(LIVE);
    assertEquals(Map.of("alice", 1, "bob", 2), affected(plan));
    assertEquals(
        "firewall rules change for 3 live sessions: alice (1 session), bob (2 sessions); connected users"
            + " keep the old rules until they reconnect (apply -reconnect-affected disconnects them)",
        plan.sideEffects().get(plan.sideEffects().size() - 1));
  }

  @Test
  void aUsersPolicyReachesTheUserAndTheServersEverybody() {
    assertEquals(
        Map.of("carol", 1),
        affected(
            plan(change(Address.user("carol"), Action.UPDATE, "restrict-user-to-routes"))
                .withLive(LIVE)));
    assertEquals(
        Map.of("alice", 1, "bob", 2, "carol", 1),
        affected(
            plan(change(Address.SERVER, Action.UPDATE, "restrict-user-to-routes")).withLive(LIVE)));
  }

  @Test
  void otherOptionsRemovedUsersARestartAndAnUnaskedServerReachNobody() {
    assertEquals(
        Map.of(),
        affected(plan(change(Address.group("web"), Action.UPDATE, "route")).withLive(LIVE)));
    assertEquals(
        Map.of("alice", 1),
        affected(
            plan(
                    change(Address.group("web"), Action.UPDATE, "restrict-user-to-ports"),
                    change(Address.user("bob"), Action.DELETE))
                .withLive(LIVE)));
    assertEquals(
        Map.of(),
        affected(
            plan(change(Address.SERVER, Action.UPDATE, "restrict-user-to-ports", "tcp-port"))
                .withLive(LIVE)));
    Plan unasked = plan(change(Address.group("web"), Action.UPDATE, "restrict-user-to-ports"));
    assertEquals(Map.of(), affected(unasked));
    assertEquals(List.of(), unasked.sideEffects());
  }
}
