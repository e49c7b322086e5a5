package io.ocsctl.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.apply.SafeApply;
import io.ocsctl.state.History;
import io.ocsctl.state.Journal;
import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What apply does to a running server, against {@link FakeServer}: a restart through systemd (and
 * its rollback when systemctl fails), and the bans of allowlisted addresses lifted after the swap.
 */
class LiveApplyTest {
  private static final String CONF =
      "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\ntcp-port = 443\n";
  private static final String ALICE = "user \"alice\" {\n  password_hash = \"$6$salt$hash\"\n}\n";

  @TempDir Path tmp;
  Path root;
  FakeServer server;

  @BeforeEach
  void tree() throws Exception {
    root = tmp.resolve("root");
    Path etc = Files.createDirectories(root.resolve("etc/ocserv"));
    Files.writeString(etc.resolve("ocserv.conf"), CONF);
    Files.writeString(etc.resolve("ocpasswd"), "alice:*:$6$salt$hash\n");
    server = new FakeServer(Files.createDirectories(tmp.resolve("server")));
  }

  private static String desired(int port, String... serverLines) {
    return "server {\n  settings = {\n    \"auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n    \"tcp-port\" = "
        + port
        + "\n  }\n"
        + String.join("", List.of(serverLines).stream().map(l -> "  " + l + "\n").toList())
        + "}\n"
        + ALICE;
  }

  private Workflow.Planned plan(String desired, ServerOptions options) throws Exception {
    Path file = tmp.resolve("desired.hcl");
    Files.writeString(file, desired);
    return Workflow.plan(
        new Workflow.Target(file, root, "/etc/ocserv/ocserv.conf", server.env(), null),
        options,
        server.occtl());
  }

  /** Plans, prepares and applies as the apply command does; returns the server actions. */
  private List<String> apply(String desired, ServerOptions options) throws Exception {
    Workflow.Planned planned = plan(desired, options);
    LiveApply running = LiveApply.prepare(planned.plan(), planned.live(), options, server.occtl());
    SafeApply.apply(
        planned.plan(),
        planned.live(),
        StateDir.at(tmp.resolve("state")),
        new SafeApply.Record(new History.Author("test", "test@example.com"), Optional.empty()),
        running,
        Journal.CrashPoint.NONE);
    return running.actions();
  }

  @Test
  void aRestartGoesThroughSystemctlWhenSystemdRunsTheServer() throws Exception {
    List<String> actions = apply(desired(8443), server.options(true, true));
    assertEquals(
        List.of(
            "restarted ocserv (systemctl restart ocserv): pid 4121 is now pid 4122; every session ended"),
        actions);
    assertEquals(
        List.of("show -p MainPID --value ocserv", "restart ocserv"), server.log("systemctl"));
    assertTrue(
        Files.readString(root.resolve("etc/ocserv/ocserv.conf")).contains("tcp-port = 8443"));
  }

  @Test
  void aFailingSystemctlRollsTheFilesBackAndRestartsOntoThem() throws Exception {
    Files.writeString(server.dir.resolve("restart-failures"), "1\n");
    IOException failed =
        assertThrows(IOException.class, () -> apply(desired(8443), server.options(true, true)));
    assertEquals(
        "apply failed and was rolled back, the previous files are in place: systemctl restart ocserv failed:"
            + " Job for ocserv.service failed.;"
            + " restarted ocserv again (systemctl restart ocserv): it runs the previous files",
        failed.getMessage());
    assertEquals(CONF, Files.readString(root.resolve("etc/ocserv/ocserv.conf")));
    assertEquals(
        List.of("show -p MainPID --value ocserv", "restart ocserv", "restart ocserv"),
        server.log("systemctl"));
  }

  @Test
  void withoutSystemdOrWithAnotherPidTheRestartIsRefusedBeforeAnythingIsWritten() throws Exception {
    ServerRefusedException noSystemd =
        assertThrows(
            ServerRefusedException.class, () -> apply(desired(8443), server.options(true, false)));
    assertTrue(
        noSystemd
            .getMessage()
            .contains("ocserv (pid 4121) is not run by the systemd unit 'ocserv'"),
        noSystemd.getMessage());
    assertEquals(List.of(), server.log("systemctl"), "no runtime directory: systemd is not asked");
    ServerRefusedException notAllowed =
        assertThrows(
            ServerRefusedException.class, () -> apply(desired(8443), server.options(false, true)));
    assertTrue(
        notAllowed.getMessage().contains("run apply again with -allow-restart"),
        notAllowed.getMessage());
    assertEquals(CONF, Files.readString(root.resolve("etc/ocserv/ocserv.conf")));
  }

  @Test
  void bansInTheAllowlistAreLiftedAfterTheReloadAndThePlanThenSaysNoChanges() throws Exception {
    server.bans(
        "[\n  {\"IP\": \"192.0.2.10\", \"Since\": \"2026-11-24 06:31\", \"Score\": 30},\n"
            + "  {\"IP\": \"198.51.100.7\", \"Since\": \"2026-11-24 06:31\", \"Score\": 30}\n]\n");
    ServerOptions options = server.options(false, false);
    String withAllowlist = desired(443, "ban_allowlist = [\"192.0.2.10\", \"10.1.0.0/16\"]");
    var plan = plan(withAllowlist, options).plan();
    assertEquals(
        List.of("unban ip 192.0.2.10 (banned, score 30; in server.ban_allowlist)"),
        plan.sideEffects());
    assertTrue(plan.hasChanges());
    assertFalse(plan.changesFiles());

    // with a reload: the unban follows it
    List<String> actions =
        apply(
            withAllowlist.replace(
                "\"tcp-port\" = 443", "\"tcp-port\" = 443\n    \"max-clients\" = 9"),
            options);
    assertEquals(
        List.of(
            "occtl reload: ocserv (pid 4121) re-read its configuration and still answers",
            "unbanned ip 192.0.2.10 (score was 30; in server.ban_allowlist)"),
        actions);
    List<String> occtl = server.log("occtl").stream().filter(l -> !l.contains(" show ")).toList();
    assertEquals(2, occtl.size(), occtl.toString());
    assertTrue(
        occtl.get(0).endsWith(" reload") && occtl.get(1).endsWith(" unban ip 192.0.2.10"),
        occtl.toString());
    assertFalse(
        plan(
                withAllowlist.replace(
                    "\"tcp-port\" = 443", "\"tcp-port\" = 443\n    \"max-clients\" = 9"),
                options)
            .plan()
            .hasChanges());
  }

  @Test
  void anUnbanThatFailsIsAWarningAndOneNoLongerNeededIsSaidSo() throws Exception {
    server.bans("[\n  {\"IP\": \"192.0.2.10\", \"Score\": 30}\n]\n");
    Files.createFile(server.dir.resolve("unban-fails"));
    ServerOptions options = server.options(false, false);
    Workflow.Planned planned = plan(desired(443, "ban_allowlist = [\"192.0.2.0/24\"]"), options);
    LiveApply running = LiveApply.prepare(planned.plan(), planned.live(), options, server.occtl());
    assertEquals(
        List.of(
            "could not unban ip 192.0.2.10: occtl unban ip 192.0.2.10 failed: could not unban IP"
                + " '192.0.2.10'; the files are applied, lift the ban with 'occtl unban ip 192.0.2.10'"),
        running.run());

    server.bans("[\n]\n"); // ocserv forgot the ban meanwhile
    LiveApply again = LiveApply.prepare(planned.plan(), planned.live(), options, server.occtl());
    assertEquals(List.of(), again.run());
    assertEquals(List.of("ip 192.0.2.10 was no longer banned"), again.actions());
  }
}
