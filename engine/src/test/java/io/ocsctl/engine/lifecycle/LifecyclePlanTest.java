package io.ocsctl.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.MemoryLive;
import io.ocsctl.engine.Seams;
import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.plan.AttributeChange;
import io.ocsctl.engine.plan.Effect;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.Planner;
import io.ocsctl.engine.render.TextRenderer;
import io.ocsctl.engine.server.ServerOptions;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.state.StateDir;
import io.ocsctl.state.UsageLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expiry and quota locks as a plan shows them, at moments of the test's choosing (the planner's
 * clock is injected, never the system's), against an in-memory live tree.
 */
class LifecyclePlanTest {
  private static final String SERVER =
      "server {\n  settings = {\n    \"auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n  }\n}\n";

  private static MemoryLive live(String passwdLine) {
    return new MemoryLive(
        Map.of(
            "/etc/ocserv/ocserv.conf",
            "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n",
            "/etc/ocserv/ocpasswd",
            passwdLine + "\n"));
  }

  @TempDir Path tmp;

  private Plan plan(MemoryLive live, String users, Instant at, ZoneId zone) throws Exception {
    Path file = tmp.resolve("desired.hcl");
    Files.writeString(file, "version = 1\n" + SERVER + users);
    return Workflow.plan(
            new Workflow.Target(
                file, MemoryLive.ROOT, MemoryLive.CONFIG, Map.of(), tmp.resolve("state")),
            ServerOptions.DEFAULT,
            new Seams(Occtl.Factory.program(Map.of()), live, Clock.fixed(at, zone)))
        .plan();
  }

  private static AttributeChange locked(Plan plan) {
    return Planner.byAddress(plan).get("user[\"alice\"]").attributes().stream()
        .filter(a -> a.name().equals("locked"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anExpiredUserIsLockedAndDisconnectedAndThePlanSaysWhy() throws Exception {
    String alice =
        "user \"alice\" {\n  password_hash = \"$6$s$h\"\n  expires = \"2026-12-01\"\n}\n";
    Plan plan =
        plan(live("alice:*:$6$s$h"), alice, Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    AttributeChange locked = locked(plan);
    assertEquals("expired 2026-12-01", locked.why());
    assertEquals("true", locked.after().get(0));
    assertTrue(
        Planner.byAddress(plan).get("user[\"alice\"]").effects().contains(Effect.DISCONNECT));
    assertTrue(
        plan.files().get(0).after().contains("alice:*:!$6$s$h"), plan.files().get(0).after());
    assertTrue(
        new TextRenderer(false)
            .render(plan)
            .contains("locked = \"false\" -> \"true\"  # expired 2026-12-01"),
        new TextRenderer(false).render(plan));

    // applied: the next plan says No changes while she stays expired
    Plan after =
        plan(live("alice:*:!$6$s$h"), alice, Instant.parse("2026-12-08T10:00:00Z"), ZoneOffset.UTC);
    assertFalse(after.hasChanges(), after.resources().toString());
  }

  @Test
  void aDayEndsWhenItBeginsInTheServersZone() throws Exception {
    String alice =
        "user \"alice\" {\n  password_hash = \"$6$s$h\"\n  expires = \"2026-12-08\"\n}\n";
    ZoneId vienna = ZoneId.of("Europe/Vienna"); // 2026-12-08T00:00 there is 2026-12-07T23:00Z
    assertFalse(
        plan(live("alice:*:$6$s$h"), alice, Instant.parse("2026-12-07T22:59:59Z"), vienna)
            .hasChanges());
    assertTrue(
        plan(live("alice:*:$6$s$h"), alice, Instant.parse("2026-12-07T23:00:00Z"), vienna)
            .hasChanges());
    assertFalse(
        plan(live("alice:*:$6$s$h"), alice, Instant.parse("2026-12-07T23:00:00Z"), ZoneOffset.UTC)
            .hasChanges(),
        "in UTC the day has not begun yet");
  }

  @Test
  void aGroupsExpiryIsTheDefaultOfItsMembers() throws Exception {
    String desired =
        "group \"contractors\" {\n  expires = \"2026-11-30\"\n}\n"
            + "user \"alice\" {\n  password_hash = \"$6$s$h\"\n  groups = [\"contractors\"]\n}\n";
    Plan plan =
        plan(
            live("alice:contractors:$6$s$h"),
            desired,
            Instant.parse("2026-12-07T10:00:00Z"),
            ZoneOffset.UTC);
    assertEquals("expired 2026-11-30", locked(plan).why());
  }

  @Test
  void aUsedUpQuotaLocksForTheRestOfItsWindowAndTheNextWindowUnlocks() throws Exception {
    UsageLedger ledger = new UsageLedger(StateDir.at(tmp.resolve("state")));
    ledger.append(
        new UsageLedger.Session(
            Instant.parse("2026-12-03T10:00:00Z"), "alice", "", "", "1", 700_000, 400_000, 60));
    String alice = "user \"alice\" {\n  password_hash = \"$6$s$h\"\n  quota = \"1MiB/month\"\n}\n";

    Plan over =
        plan(live("alice:*:$6$s$h"), alice, Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    assertEquals(
        "quota 1MiB/month used up: 1.0 MiB in 2026-12, unlocked 2027-01-01T00:00:00Z",
        locked(over).why());

    Plan stillOver =
        plan(live("alice:*:!$6$s$h"), alice, Instant.parse("2026-12-31T23:59:59Z"), ZoneOffset.UTC);
    assertFalse(
        Planner.byAddress(stillOver).containsKey("user[\"alice\"]"),
        stillOver.resources().toString());

    Plan january =
        plan(live("alice:*:!$6$s$h"), alice, Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
    AttributeChange unlocked = locked(january);
    assertEquals("false", unlocked.after().get(0));
    assertEquals("quota 1MiB/month: 0 B used in 2027-01", unlocked.why());

    Plan under =
        plan(
            live("alice:*:$6$s$h"),
            alice.replace("1MiB", "2MiB"),
            Instant.parse("2026-12-07T10:00:00Z"),
            ZoneOffset.UTC);
    assertFalse(
        Planner.byAddress(under).containsKey("user[\"alice\"]"), "1.1 MB of 2 MiB: not used up");
  }

  @Test
  void aQuotaInstallsTheDisconnectHookAndTheLastQuotaRemovesIt() throws Exception {
    String alice = "user \"alice\" {\n  password_hash = \"$6$s$h\"\n  quota = \"5GiB/month\"\n}\n";
    Instant at = Instant.parse("2026-12-07T10:00:00Z");
    Plan plan = plan(live("alice:*:$6$s$h"), alice, at, ZoneOffset.UTC);
    var server = Planner.byAddress(plan).get("server");
    assertEquals(
        "disconnect-script", server.attributes().get(0).name(), server.attributes().toString());
    assertEquals("/etc/ocserv/ocsctl-disconnect-hook", server.attributes().get(0).after().get(0));
    var hook =
        plan.files().stream()
            .filter(f -> f.path().equals("/etc/ocserv/ocsctl-disconnect-hook"))
            .findFirst()
            .orElseThrow();
    assertTrue(hook.isCreate());
    assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(hook.mode()));
    assertTrue(
        hook.after()
            .contains("'/usr/bin/ocsctl' account -state-dir '" + tmp.resolve("state") + "'"),
        hook.after());

    String conf =
        plan.files().stream()
            .filter(f -> f.path().equals(MemoryLive.CONFIG))
            .findFirst()
            .orElseThrow()
            .after();
    MemoryLive applied =
        new MemoryLive(
            Map.of(
                MemoryLive.CONFIG,
                conf,
                "/etc/ocserv/ocpasswd",
                "alice:*:$6$s$h\n",
                "/etc/ocserv/ocsctl-disconnect-hook",
                hook.after()));
    Plan again = plan(applied, alice, at, ZoneOffset.UTC);
    assertFalse(again.hasChanges(), again.files().toString());

    Plan without =
        plan(applied, alice.replace("  quota = \"5GiB/month\"\n", ""), at, ZoneOffset.UTC);
    assertTrue(
        without.files().stream()
            .anyMatch(f -> f.path().equals("/etc/ocserv/ocsctl-disconnect-hook") && f.isDelete()),
        without.files().toString());
    assertEquals(
        java.util.List.of(),
        Planner.byAddress(without).get("server").attributes().get(0).after(),
        "disconnect-script goes with the hook");
  }

  @Test
  void aPlanListsTheAccountsEndingWithinItsLookAhead() throws Exception {
    String users =
        "user \"alice\" {\n  password_hash = \"$6$s$h\"\n  expires = \"2026-12-10\"\n}\n"
            + "user \"bob\" {\n  password_hash = \"$6$s$h\"\n  expires = \"2026-12-30\"\n}\n";
    MemoryLive live =
        new MemoryLive(
            Map.of(
                MemoryLive.CONFIG,
                "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n",
                "/etc/ocserv/ocpasswd",
                "alice:*:$6$s$h\nbob:*:$6$s$h\n"));
    Plan plan = plan(live, users, Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    assertFalse(plan.hasChanges());
    assertEquals(
        java.util.List.of(
            "user[\"alice\"] expires 2026-12-10 (2026-12-10T00:00:00Z): an apply after that moment"
                + " locks it"),
        plan.notes());
    assertTrue(new TextRenderer(false).render(plan).contains("Note: user[\"alice\"] expires"));
    assertEquals(
        java.util.List.of(),
        plan(live, users, Instant.parse("2026-12-10T00:00:01Z"), ZoneOffset.UTC).notes().stream()
            .filter(n -> n.contains("alice"))
            .toList(),
        "an expired account is a lock, not a note");
  }
}
