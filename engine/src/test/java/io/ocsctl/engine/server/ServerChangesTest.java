package io.ocsctl.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.Address;
import io.ocsctl.engine.plan.AttributeChange;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ResourceChange;
import io.ocsctl.engine.render.TextRenderer;
import io.ocsctl.providers.occtl.LiveSessions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a plan asks of the running server, and how the plan shows it once occtl has answered. */
class ServerChangesTest {
  static ResourceChange change(Address address, Action action, String... attributes) {
    return new ResourceChange(address, action, List.of(attributes).stream()
        .map(a -> new AttributeChange(a, List.of("1"), List.of("2"), false, false)).toList(), List.of());
  }

  static Plan plan(ResourceChange... changes) {
    return new Plan(List.of(changes), List.of(), Map.of(), "x", List.of());
  }

  @Test
  void aReloadableOptionReloads() {
    ServerChanges c = ServerChanges.of(plan(change(Address.SERVER, Action.UPDATE, "max-clients")));
    assertTrue(c.reload());
    assertFalse(c.restart());
  }

  @Test
  void restartOptionsAndVhostSetChangesAreNamed() {
    ServerChanges c = ServerChanges.of(plan(change(Address.SERVER, Action.UPDATE, "max-clients", "tcp-port"),
        change(Address.of("vhost", "vpn2"), Action.CREATE), change(Address.of("vhost", "old"), Action.UPDATE, "auth")));
    assertFalse(c.reload(), "a restart covers the reload");
    assertEquals(List.of("tcp-port", "vhost[\"vpn2\"] added", "vhost[\"old\"]: auth"), c.restartReasons());
  }

  @Test
  void deletedAndLockedUsersAreDisconnected() {
    ResourceChange locked = new ResourceChange(Address.of("user", "carol"), Action.UPDATE,
        List.of(new AttributeChange("locked", List.of("false"), List.of("true"), false, false)), List.of());
    ServerChanges c = ServerChanges.of(plan(change(Address.of("user", "bob"), Action.DELETE), locked,
        change(Address.of("user", "dave"), Action.UPDATE, "groups")));
    assertEquals(List.of("bob", "carol"), c.usersToDisconnect());
    assertFalse(c.reload() || c.restart());
  }

  @Test
  void thePlanCountsTheSessionsItEndsAndTheMembersAGroupChangeReaches() {
    LiveSessions live = new LiveSessions(true, Map.of("bob", 2, "alice", 1),
        Map.of("bob", Set.of("eng"), "alice", Set.of("eng")), true, List.of());
    Plan plan = plan(change(Address.of("user", "bob"), Action.DELETE), change(Address.of("user", "zed"), Action.DELETE),
        change(Address.of("group", "eng"), Action.UPDATE, "route")).withLive(live);
    assertEquals(List.of("disconnect user[\"bob\"] (2 active sessions)", "disconnect user[\"zed\"] (no active session)",
        "group[\"eng\"] changes apply at the next connect of its connected members: alice (1 session), bob (2 sessions)"),
        plan.sideEffects());
    String text = new TextRenderer(false).render(plan);
    assertTrue(text.contains("\nOn the running server, apply will also:\n  - disconnect user[\"bob\"] (2 active sessions)\n"), text);
  }

  @Test
  void keepPolicyAndUnknownServer() {
    LiveSessions keep = new LiveSessions(true, Map.of("bob", 1), Map.of(), false, List.of());
    Plan plan = plan(change(Address.of("user", "bob"), Action.DELETE));
    assertEquals(List.of("keep user[\"bob\"] connected (1 active session; on_user_removal = keep)"),
        plan.withLive(keep).sideEffects());
    assertEquals(List.of("disconnect user[\"bob\"]"), plan.sideEffects(), "without occtl: as before");
    assertFalse(new TextRenderer(false).render(plan).contains("On the running server"));
  }
}
