package io.ocsctl.cli.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.ocserv.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ocsctl against a real ocserv 1.1.6 and real openconnect clients (see {@link OcservHarness}):
 * passwords ocsctl writes log in, the views show who is connected, plans say which sessions end,
 * applies reload and disconnect, and what cannot be done safely is refused or rolled back. One
 * server for the class; the tests run in order, each leaving the desired state it applied.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OcservLiveTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static OcservHarness server;
  private static OcservHarness.Desired desired;

  @BeforeAll
  static void start() throws Exception {
    server = OcservHarness.start(Map.of(), Map.of());
    desired =
        server
            .desired()
            .group("eng", Map.of())
            .user("alice", "alice-secret-1", "eng")
            .user("bob", "bob-secret-2", "eng")
            .user("carol", "carol-secret-3");
    LiveCli.Run apply = server.apply(desired);
    assertEquals(0, apply.exitCode(), apply.all());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void aPasswordWrittenByApplyLogsInAndAWrongOneIsRefused() throws Exception {
    String passwd = Files.readString(server.dir().resolve("ocpasswd"));
    assertTrue(passwd.contains("alice:eng:$"), passwd);
    assertFalse(passwd.contains("alice-secret-1"));
    VpnClient.Login right = server.authenticate("alice", "alice-secret-1");
    assertTrue(right.accepted(), right.output());
    VpnClient.Login wrong = server.authenticate("alice", "not-her-password");
    assertFalse(wrong.accepted(), wrong.output());
    assertTrue(wrong.output().contains("Login failed"), wrong.output());
  }

  @Test
  @Order(2)
  void theViewsShowTheConnectedUser() throws Exception {
    server.connect("bob", "bob-secret-2");
    List<String> where = List.of("--root", "/", "--config", server.config().toString());

    LiveCli.Run status = server.ocsctl(args("status", "-json", where));
    assertEquals(0, status.exitCode(), status.all());
    JsonNode s = JSON.readTree(status.out()).path("status");
    assertEquals("online", s.path("status").asString());
    assertEquals(server.serverPid(), s.path("server_pid").asLong());
    assertTrue(s.path("active_sessions").asLong() >= 1, status.out());

    LiveCli.Run sessions =
        server.ocsctl("sessions", "-json", "-occtl-socket", server.occtlSocket().toString());
    assertEquals(0, sessions.exitCode(), sessions.all());
    JsonNode users = JSON.readTree(sessions.out());
    assertEquals(1, users.size(), sessions.out());
    assertEquals("bob", users.get(0).path("user").asString());
    assertEquals("eng", users.get(0).path("group").asString());
    assertTrue(users.get(0).path("vpn_ipv4").asString().startsWith("10.99.0."));

    LiveCli.Run one = server.ocsctl(args("sessions", where, "-user", "bob"));
    assertTrue(
        one.out().lines().anyMatch(l -> l.contains("bob") && l.contains("connected")), one.all());
    String id = String.valueOf(users.get(0).path("id").asLong());
    LiveCli.Run byId = server.ocsctl(args("sessions", where, "-id", id, "-json"));
    assertEquals("bob", JSON.readTree(byId.out()).get(0).path("user").asString(), byId.all());
    LiveCli.Run cookies = server.ocsctl(args("sessions", where, "-all", "-json"));
    assertTrue(cookies.out().contains("\"user\" : \"bob\""), cookies.all());
    LiveCli.Run routes = server.ocsctl(args("status", where, "-iroutes"));
    assertTrue(routes.out().contains("Status:") && routes.out().contains("bob"), routes.all());
    LiveCli.Run points = server.ocsctl(args("bans", where, "-points", "-json"));
    assertEquals(
        "127.0.0.1", JSON.readTree(points.out()).get(0).path("ip").asString(), points.all());
    LiveCli.Run bans = server.ocsctl(args("bans", where));
    assertEquals(0, bans.exitCode(), bans.all());
  }

  @Test
  @Order(3)
  void aPlanSaysWhichSessionsADeletionEndsAndWhoAGroupChangeReaches() throws Exception {
    OcservHarness.Desired withoutBob =
        copy().remove("bob").group("eng", Map.of("route", "10.50.0.0/16"));
    LiveCli.Run plan = server.plan(withoutBob, "-no-color");
    assertEquals(0, plan.exitCode(), plan.all());
    assertTrue(plan.out().contains("  - disconnect user[\"bob\"] (1 active session)"), plan.out());
    assertTrue(
        plan.out()
            .contains(
                "group[\"eng\"] changes apply at the next connect of its connected members: bob (1 session)"),
        plan.out());
    LiveCli.Run json = server.plan(withoutBob, "-json");
    JsonNode effects = JSON.readTree(json.out()).path("side_effects");
    assertTrue(
        effects.toString().contains("disconnect user[\\\"bob\\\"] (1 active session)"), json.out());
  }

  @Test
  @Order(4)
  void applyDisconnectsADeletedUser() throws Exception {
    VpnClient bob = server.connect("bob", "bob-secret-2");
    desired.remove("bob");
    LiveCli.Run apply = server.apply(desired);
    assertEquals(0, apply.exitCode(), apply.all());
    assertTrue(
        apply.out().contains("ocserv: disconnected user[\"bob\"] (2 sessions)"), apply.all());
    assertTrue(bob.waitForExit(Duration.ofSeconds(15)), "openconnect still runs:\n" + bob.output());
    assertEquals(List.of(), server.occtl().user("bob").value());
    assertFalse(server.authenticate("bob", "bob-secret-2").accepted());
  }

  @Test
  @Order(5)
  void aReloadableChangeReloadsTheSameServer() throws Exception {
    long pid = server.occtl().status().value().serverPid();
    desired.setting("max-clients", "20");
    LiveCli.Run apply = server.apply(desired);
    assertEquals(0, apply.exitCode(), apply.all());
    assertTrue(
        apply
            .out()
            .contains("ocserv: occtl reload: ocserv (pid " + pid + ") re-read its configuration"),
        apply.all());
    assertEquals(pid, server.occtl().status().value().serverPid());
    assertTrue(Files.readString(server.config()).contains("max-clients = 20"));
    LiveCli.Run again = server.plan(desired, "-detailed-exitcode");
    assertEquals(0, again.exitCode(), again.all());
  }

  @Test
  @Order(6)
  void aChangeThatNeedsARestartIsRefused() throws Exception {
    byte[] before = Files.readAllBytes(server.config());
    OcservHarness.Desired moved = copy().setting("tcp-port", String.valueOf(server.port() + 1));
    LiveCli.Run refused = server.apply(moved);
    assertEquals(1, refused.exitCode(), refused.all());
    assertTrue(
        refused.err().contains("needs a full restart of ocserv")
            && refused.err().contains("tcp-port")
            && refused.err().contains("-allow-restart")
            && refused.err().contains("nothing was changed"),
        refused.err());
    assertArrayEquals(before, Files.readAllBytes(server.config()));

    LiveCli.Run noSystemd = server.apply(moved, "-allow-restart");
    assertEquals(1, noSystemd.exitCode(), noSystemd.all());
    assertTrue(
        noSystemd.err().contains("is not run by the systemd unit 'ocserv'")
            && noSystemd.err().contains("stop ocserv (pid " + server.serverPid() + ")"),
        noSystemd.err());
    assertArrayEquals(before, Files.readAllBytes(server.config()));
    assertTrue(server.serverAlive());
  }

  @Test
  @Order(7)
  void aFailedReloadRollsTheFilesBack() throws Exception {
    Path realOcctl = Processes.find("occtl").orElseThrow();
    Path wrapper = server.dir().resolve("occtl-without-reload");
    Files.writeString(
        wrapper,
        "#!/bin/sh\nfor a in \"$@\"; do\n  if [ \"$a\" = reload ]; then echo 'Error scheduling reload'; exit 1; fi\n"
            + "done\nexec "
            + realOcctl
            + " \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    byte[] before = Files.readAllBytes(server.config());
    OcservHarness.Desired changed = copy().setting("max-clients", "24");
    server.write(changed);
    LiveCli.Run apply =
        server.ocsctl(
            Map.of(Occtl.PROGRAM_ENV, wrapper.toString()),
            args(
                "apply",
                "-auto-approve",
                "-f",
                server.dir().resolve("desired.hcl").toString(),
                server.target()));
    assertEquals(1, apply.exitCode(), apply.all());
    assertTrue(
        apply.err().contains("rolled back") && apply.err().contains("occtl reload failed"),
        apply.err());
    assertTrue(
        apply.err().contains("could not bring ocserv back onto the previous files"), apply.err());
    assertArrayEquals(before, Files.readAllBytes(server.config()));
    assertTrue(server.occtl().answers());
  }

  @Test
  @Order(8)
  void aLockedUserKeepsItsSessionWhenThePolicySaysKeepAndLosesItOtherwise() throws Exception {
    VpnClient carol = server.connect("carol", "carol-secret-3");
    desired.lock("carol");
    LiveCli.Run plan = server.plan(desired);
    assertTrue(plan.out().contains("disconnect user[\"carol\"] (1 active session)"), plan.all());
    // the policy of the desired state
    desired.onUserRemoval("keep");
    LiveCli.Run kept = server.plan(desired);
    assertTrue(
        kept.out()
            .contains("keep user[\"carol\"] connected (1 active session; on_user_removal = keep)"),
        kept.all());
    LiveCli.Run keep = server.apply(desired);
    assertEquals(0, keep.exitCode(), keep.all());
    assertTrue(
        keep.out()
            .contains("ocserv: kept the sessions of user[\"carol\"] (on_user_removal = keep)"),
        keep.all());
    assertTrue(carol.alive());
    assertEquals(1, server.occtl().user("carol").value().size());

    // the command line overrides it
    desired.remove("carol");
    LiveCli.Run remove = server.apply(desired, "-on-user-removal", "disconnect");
    desired.onUserRemoval(null);
    assertEquals(0, remove.exitCode(), remove.all());
    assertTrue(
        remove.out().contains("ocserv: disconnected user[\"carol\"] (1 session)"), remove.all());
    assertTrue(carol.waitForExit(Duration.ofSeconds(15)), carol.output());
  }

  @Test
  @Order(9)
  void eventsPrintConnectsAndDisconnectsAsJsonLines() throws Exception {
    CompletableFuture<LiveCli.Run> events =
        CompletableFuture.supplyAsync(
            () ->
                server.ocsctl(
                    args(
                        "events",
                        "-max",
                        "2",
                        List.of("--root", "/", "--config", server.config().toString()))));
    Thread.sleep(1500); // occtl subscribes to events first
    VpnClient alice = server.connect("alice", "alice-secret-1");
    alice.close();
    LiveCli.Run run = events.get(30, TimeUnit.SECONDS);
    assertEquals(0, run.exitCode(), run.all());
    List<String> lines = run.out().lines().toList();
    assertEquals(2, lines.size(), run.all());
    JsonNode connect = JSON.readTree(lines.get(0));
    JsonNode disconnect = JSON.readTree(lines.get(1));
    assertEquals("connect", connect.path("event").asString());
    assertEquals("disconnect", disconnect.path("event").asString());
    assertEquals("alice", connect.path("user").asString());
    assertEquals(connect.path("id").asLong(), disconnect.path("id").asLong());
    assertTrue(connect.path("vpn_ip").asString().startsWith("10.99.0."), lines.get(0));
  }

  /** The current desired state, copied so a test can plan a variant without applying it. */
  private static OcservHarness.Desired copy() {
    OcservHarness.Desired d = server.desired();
    d.settings.putAll(desired.settings);
    d.groups.putAll(desired.groups);
    desired.users.forEach(
        (name, pw) -> d.user(name, pw, desired.memberships.get(name).toArray(String[]::new)));
    desired.locked.forEach(d::lock);
    return d;
  }

  private static String[] args(Object... parts) {
    List<String> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof List<?> list) {
        list.forEach(e -> out.add(e.toString()));
      } else {
        out.add(p.toString());
      }
    }
    return out.toArray(String[]::new);
  }
}
