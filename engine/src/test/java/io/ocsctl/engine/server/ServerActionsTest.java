package io.ocsctl.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.Address;
import io.ocsctl.engine.plan.AttributeChange;
import io.ocsctl.engine.plan.Effect;
import io.ocsctl.engine.plan.Guard;
import io.ocsctl.engine.plan.Guards;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ResourceChange;
import io.ocsctl.engine.plan.ServerAction;
import io.ocsctl.engine.render.JsonRenderer;
import io.ocsctl.engine.render.MarkdownRenderer;
import io.ocsctl.engine.render.TextRenderer;
import io.ocsctl.providers.occtl.LiveSessions;
import io.ocsctl.providers.occtl.Unban;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a plan asks of the running server ({@link ServerAction}), and how the plan shows it once
 * occtl has answered.
 */
class ServerActionsTest {
  static ResourceChange change(Address address, Action action, String... attributes) {
    return new ResourceChange(
        address,
        action,
        List.of(attributes).stream()
            .map(a -> new AttributeChange(a, List.of("1"), List.of("2"), false, false))
            .toList(),
        List.of());
  }

  static Plan plan(ResourceChange... changes) {
    return new Plan(List.of(changes), List.of(), Map.of(), "x", List.of());
  }

  @Test
  void aReloadableOptionReloads() {
    Plan p = plan(change(Address.SERVER, Action.UPDATE, "max-clients"));
    assertEquals(List.of(new ServerAction.Reload()), p.actions());
    assertEquals(Set.of(Effect.RELOAD), p.resources().get(0).effects());
    assertTrue(p.guard(Guard.RestartNeeded.class).isEmpty());
  }

  @Test
  void restartOptionsAndVhostSetChangesAreNamed() {
    Plan p =
        plan(
            change(Address.SERVER, Action.UPDATE, "max-clients", "tcp-port"),
            change(Address.vhost("vpn2"), Action.CREATE),
            change(Address.vhost("old"), Action.UPDATE, "auth"));
    List<String> reasons = List.of("tcp-port", "vhost[\"vpn2\"] added", "vhost[\"old\"]: auth");
    assertEquals(
        List.of(new ServerAction.Restart(reasons)), p.actions(), "a restart covers the reload");
    assertEquals(List.of("restart ocserv (an option read only at start changes)"), p.sideEffects());
  }

  @Test
  void deletedAndLockedUsersAreDisconnected() {
    ResourceChange locked =
        new ResourceChange(
            Address.user("carol"),
            Action.UPDATE,
            List.of(new AttributeChange("locked", List.of("false"), List.of("true"), false, false)),
            List.of());
    Plan p =
        plan(
            change(Address.user("bob"), Action.DELETE),
            locked,
            change(Address.user("dave"), Action.UPDATE, "groups"));
    assertEquals(
        List.of("bob", "carol"),
        p.actionsOf(ServerAction.Disconnect.class).stream()
            .map(ServerAction.Disconnect::user)
            .toList());
    assertTrue(
        p.actionsOf(ServerAction.Reload.class).isEmpty()
            && p.actionsOf(ServerAction.Restart.class).isEmpty());
    assertEquals(Set.of(Effect.NEXT_CONNECT), p.resources().get(2).effects());
  }

  @Test
  void aRestartEndsTheSessionsOfRemovedUsersAndForgetsBans() {
    LiveSessions live =
        new LiveSessions(
            true,
            Map.of("bob", 1),
            Map.of(),
            true,
            List.of(),
            List.of(new Unban("192.0.2.10", 30, "192.0.2.10")));
    Plan p =
        plan(
                change(Address.SERVER, Action.UPDATE, "tcp-port"),
                change(Address.user("bob"), Action.DELETE))
            .withLive(live);
    assertEquals(
        List.of(
            new ServerAction.Restart(List.of("tcp-port")),
            new ServerAction.Disconnect("bob", Optional.of("1 active session"), true)),
        p.actions());
  }

  @Test
  void theGuardsAreDecidedWithThePlan() {
    Plan p =
        new Plan(
            List.of(change(Address.user("a"), Action.DELETE)),
            List.of(),
            Map.of(),
            "x",
            List.of(),
            Guards.of(List.of(change(Address.user("a"), Action.DELETE)), 1));
    assertEquals(
        "the plan destroys every user (1); apply needs -allow-mass-destroy", p.warnings().get(0));
    assertTrue(
        new TextRenderer(false)
            .render(p)
            .endsWith(
                "\nWarning: the plan destroys every user (1); apply needs -allow-mass-destroy.\n"));
    assertTrue(
        MarkdownRenderer.render(p, MarkdownRenderer.GITHUB_LIMIT)
            .contains(
                "> **Warning:** the plan destroys every user (1); apply needs -allow-mass-destroy\n"));
    assertEquals(
        "mass_destroy", JsonRenderer.toJson(p).path("warnings").get(0).path("kind").asString());
    assertEquals(List.of(), Guards.of(List.of(change(Address.user("a"), Action.DELETE)), 100));
  }

  @Test
  void thePlanCountsTheSessionsItEndsAndTheMembersAGroupChangeReaches() {
    LiveSessions live =
        new LiveSessions(
            true,
            Map.of("bob", 2, "alice", 1),
            Map.of("bob", Set.of("eng"), "alice", Set.of("eng")),
            true,
            List.of());
    Plan plan =
        plan(
                change(Address.user("bob"), Action.DELETE),
                change(Address.user("zed"), Action.DELETE),
                change(Address.group("eng"), Action.UPDATE, "route"))
            .withLive(live);
    assertEquals(
        List.of(
            "disconnect user[\"bob\"] (2 active sessions)",
            "disconnect user[\"zed\"] (no active session)",
            "group[\"eng\"] changes apply at the next connect of its connected members: alice (1 session), bob (2 sessions)"),
        plan.sideEffects());
    String text = new TextRenderer(false).render(plan);
    assertTrue(
        text.contains(
            "\nOn the running server, apply will also:\n  - disconnect user[\"bob\"] (2 active sessions)\n"),
        text);
  }

  @Test
  void keepPolicyAndUnknownServer() {
    LiveSessions keep = new LiveSessions(true, Map.of("bob", 1), Map.of(), false, List.of());
    Plan plan = plan(change(Address.user("bob"), Action.DELETE));
    assertEquals(
        List.of("keep user[\"bob\"] connected (1 active session; on_user_removal = keep)"),
        plan.withLive(keep).sideEffects());
    assertEquals(
        List.of("disconnect user[\"bob\"]"), plan.sideEffects(), "without occtl: as before");
    assertFalse(new TextRenderer(false).render(plan).contains("On the running server"));
  }

  @Test
  void aBanInTheAllowlistIsAChangeEvenWithoutFileChanges() {
    LiveSessions banned =
        new LiveSessions(
            true,
            Map.of(),
            Map.of(),
            true,
            List.of(),
            List.of(new Unban("192.0.2.10", 30, "192.0.2.10")));
    Plan unbanOnly = plan().withLive(banned);
    assertTrue(
        unbanOnly.hasChanges(),
        "like a disconnect, a pending unban is work for apply (-detailed-exitcode 2)");
    assertFalse(unbanOnly.changesFiles());
    assertEquals("Plan: 1 address to unban on the running server.", unbanOnly.summary());
    assertEquals(
        List.of("unban ip 192.0.2.10 (banned, score 30; in server.ban_allowlist)"),
        unbanOnly.sideEffects());
    assertEquals(
        "ocsctl will perform the following actions:\n\nOn the running server, apply will also:\n"
            + "  - unban ip 192.0.2.10 (banned, score 30; in server.ban_allowlist)\n\n"
            + "Plan: 1 address to unban on the running server.\n",
        new TextRenderer(false).render(unbanOnly));
    String markdown = MarkdownRenderer.render(unbanOnly, MarkdownRenderer.GITHUB_LIMIT);
    assertEquals(
        "### ocsctl plan: Plan: 1 address to unban on the running server.\n\n**Apply will also:**\n"
            + "- unban ip 192.0.2.10 (banned, score 30; in server.ban_allowlist)\n\n",
        markdown);
    JsonNode json = JsonRenderer.toJson(unbanOnly);
    assertTrue(json.path("summary").path("has_changes").asBoolean());
    assertEquals(
        "{\"ip\":\"192.0.2.10\",\"score\":30,\"allowlist_entry\":\"192.0.2.10\"}",
        json.path("unbans").get(0).toString());
    assertFalse(JsonRenderer.toJson(plan()).has("unbans"), "only present when there are some");

    Plan withReload = plan(change(Address.SERVER, Action.UPDATE, "max-clients")).withLive(banned);
    assertEquals(
        List.of("occtl reload", "unban ip 192.0.2.10 (banned, score 30; in server.ban_allowlist)"),
        withReload.sideEffects());
    assertEquals("Plan: 0 to add, 1 to change, 0 to destroy.", withReload.summary());
    Plan withRestart = plan(change(Address.SERVER, Action.UPDATE, "tcp-port")).withLive(banned);
    assertEquals(
        List.of("restart ocserv (an option read only at start changes)"),
        withRestart.sideEffects(),
        "a restart forgets every ban");
  }
}
