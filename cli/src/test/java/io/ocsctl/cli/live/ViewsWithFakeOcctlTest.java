package io.ocsctl.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.occtl.Occtl;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The views on any machine: a stand-in occtl ({@code $OCSCTL_OCCTL}) replays what the real one
 * printed (providers' src/test/resources/occtl), so tables, JSON, events and errors are checked
 * without root or a server.
 */
class ViewsWithFakeOcctlTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> CAPTURES =
      List.of(
          "show-status.json",
          "show-users.json",
          "show-user-bob.json",
          "show-id.json",
          "show-sessions-all.json",
          "show-sessions-valid.json",
          "show-session.json",
          "show-iroutes.json",
          "show-ip-bans.json",
          "show-ip-ban-points.json",
          "show-events.json",
          "show-events.txt");

  @TempDir Path tmp;
  private Map<String, String> env;
  private String socket;

  @BeforeEach
  void fakeOcctl() throws Exception {
    for (String name : CAPTURES) {
      try (InputStream in = getClass().getResourceAsStream("/occtl/" + name)) {
        Files.copy(in, tmp.resolve(name));
      }
    }
    Path program = tmp.resolve("occtl");
    String d = tmp.toString();
    Files.writeString(
        program,
        String.join(
            "\n",
            "#!/bin/sh",
            "shift 2",
            "json=no; if [ \"$1\" = -j ]; then json=yes; shift; fi",
            "case \"$*\" in",
            "  'show status') cat " + d + "/show-status.json ;;",
            "  'show users') cat " + d + "/show-users.json ;;",
            "  'show user bob') cat " + d + "/show-user-bob.json ;;",
            "  'show user '*) printf '[\\n]\\n'; exit 2 ;;",
            "  'show id '*) cat " + d + "/show-id.json ;;",
            "  'show sessions all') cat " + d + "/show-sessions-all.json ;;",
            "  'show sessions valid') cat " + d + "/show-sessions-valid.json ;;",
            "  'show session '*) cat " + d + "/show-session.json ;;",
            "  'show iroutes') cat " + d + "/show-iroutes.json ;;",
            "  'show ip bans') cat " + d + "/show-ip-bans.json ;;",
            "  'show ip ban points') cat " + d + "/show-ip-ban-points.json ;;",
            "  'unban ip '*) echo \"IP '$3' was unbanned\" ;;",
            "  'show events') if [ -e "
                + d
                + "/no-json ] && [ $json = yes ]; then echo 'occtl: illegal option -- j' >&2; exit 1; fi;",
            "    if [ $json = yes ]; then cat "
                + d
                + "/show-events.json; else cat "
                + d
                + "/show-events.txt; fi ;;",
            "  *) echo \"unknown command: $*\" >&2; exit 1 ;;",
            "esac",
            ""));
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    socket = tmp.resolve("occtl.sock").toString();
    Files.createFile(tmp.resolve("occtl.sock"));
    env = Map.of(Occtl.PROGRAM_ENV, program.toString());
  }

  private LiveCli.Run ocsctl(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-occtl-socket";
    all[args.length + 1] = socket;
    return LiveCli.run(env, all);
  }

  @Test
  void status() throws Exception {
    LiveCli.Run text = ocsctl("status");
    assertEquals(0, text.exitCode(), text.all());
    assertTrue(text.out().startsWith("ocserv on " + socket + ":\n  Status:"), text.out());
    assertTrue(text.out().contains("Active sessions:") && !text.out().contains("raw_"), text.out());
    JsonNode json = JSON.readTree(ocsctl("status", "-json", "-iroutes").out());
    assertEquals(3, json.path("status").path("active_sessions").asInt());
    assertEquals(3, json.path("iroutes").size());
    assertEquals(
        "192.168.50.0/255.255.255.0",
        json.path("iroutes").get(0).path("iroutes").get(0).asString());
    LiveCli.Run routes = ocsctl("status", "-iroutes");
    assertTrue(
        routes.out().contains("ID    USER   VHOST    DEVICE  VPN IP       IROUTES"), routes.out());
  }

  @Test
  void sessions() throws Exception {
    LiveCli.Run users = ocsctl("sessions");
    assertEquals(0, users.exitCode(), users.all());
    List<String> lines = users.out().lines().toList();
    assertTrue(
        lines.get(0).matches("ID +USER +GROUP +VHOST +REMOTE IP +VPN IP +DEVICE +SINCE +STATE"),
        lines.get(0));
    assertEquals(4, lines.size(), users.out());
    assertTrue(
        lines
            .get(3)
            .matches(
                "\\d+ +alice +- +default +127\\.0\\.0\\.1 +10\\.99\\.0\\.\\d+ +vpns0 .* connected"),
        lines.get(3));
    assertEquals(2, JSON.readTree(ocsctl("sessions", "-user", "bob", "-json").out()).size());
    assertEquals("(none)\n", ocsctl("sessions", "-user", "nobody").out());
    assertEquals(
        "alice",
        JSON.readTree(ocsctl("sessions", "-id", "5072", "-json").out())
            .get(0)
            .path("user")
            .asString());
    LiveCli.Run all = ocsctl("sessions", "-all");
    assertTrue(all.out().startsWith("SESSION  USER   GROUP  VHOST    REMOTE IP"), all.out());
    assertEquals(1, JSON.readTree(ocsctl("sessions", "-session", "VpprBd", "-json").out()).size());
    assertTrue(JSON.readTree(ocsctl("sessions", "-valid", "-json").out()).size() >= 3);
  }

  @Test
  void badArgumentsNeverReachOcctl() {
    LiveCli.Run run = ocsctl("sessions", "-user", "bob reload");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("is not a user name occtl can be given"), run.err());
    assertEquals(1, ocsctl("sessions", "-id", "-3").exitCode());
  }

  @Test
  void bans() throws Exception {
    LiveCli.Run bans = ocsctl("bans");
    assertEquals(0, bans.exitCode(), bans.all());
    assertTrue(
        bans.out()
            .lines()
            .toList()
            .get(1)
            .matches("127\\.0\\.0\\.1 +30 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"),
        bans.out());
    assertEquals("IP         SCORE\n127.0.0.1  30\n", ocsctl("bans", "-points").out());
    JsonNode points = JSON.readTree(ocsctl("bans", "-points", "-json").out());
    assertEquals(30, points.get(0).path("score").asInt());
  }

  @Test
  void eventsAsJsonLines() throws Exception {
    LiveCli.Run run = ocsctl("events", "-max", "2");
    assertEquals(0, run.exitCode(), run.all());
    List<String> lines = run.out().lines().toList();
    assertEquals(2, lines.size(), run.all());
    JsonNode connect = JSON.readTree(lines.get(0));
    assertEquals("connect", connect.path("event").asString());
    assertEquals("alice", connect.path("user").asString());
    assertEquals(
        List.of(
            "event",
            "time",
            "id",
            "user",
            "group",
            "vhost",
            "remote_ip",
            "vpn_ip",
            "device",
            "reason"),
        List.copyOf(connect.propertyNames()));
    assertEquals("disconnect", JSON.readTree(lines.get(1)).path("event").asString());
  }

  @Test
  void eventsFallBackToTextWhenOcctlHasNoJson() throws Exception {
    Files.createFile(tmp.resolve("no-json"));
    LiveCli.Run run = ocsctl("events");
    assertEquals(0, run.exitCode(), run.all());
    List<String> lines = run.out().lines().toList();
    assertEquals(2, lines.size(), run.all());
    assertEquals("server disconnected", JSON.readTree(lines.get(1)).path("reason").asString());
    assertTrue(run.err().contains("this occtl has no -j"), run.err());
  }

  @Test
  void aServerThatDoesNotAnswerIsAnErrorWithAFix() {
    LiveCli.Run run = LiveCli.run(Map.of(), "status", "--root", tmp.toString());
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("ocserv does not answer on " + tmp.resolve("var/run/occtl.socket")),
        run.err());
    assertTrue(run.err().contains("= fix: start ocserv"), run.err());
  }

  @Test
  void aBannedAddressInTheAllowlistIsAChangeAndApplyLiftsItsBan() throws Exception {
    Path scenario = Path.of("src/test/resources/scenarios/no-changes");
    Path root = tmp.resolve("root");
    try (var files = Files.walk(scenario.resolve("live"))) {
      for (Path from : files.toList()) {
        Path to = root.resolve(scenario.resolve("live").relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Path desired = tmp.resolve("desired.hcl");
    Files.writeString(
        desired,
        Files.readString(scenario.resolve("desired.hcl"))
            .replaceFirst("\n  }\n}\n", "\n  }\n  ban_allowlist = [\"127.0.0.0/8\"]\n}\n"));
    String unban = "unban ip 127.0.0.1 (banned, score 30; in server.ban_allowlist as 127.0.0.0/8)";

    LiveCli.Run plan =
        ocsctl("plan", "-f", desired.toString(), "--root", root.toString(), "-detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan.all());
    assertEquals(
        "ocsctl will perform the following actions:\n\nOn the running server, apply will also:\n  - "
            + unban
            + "\n\nPlan: 1 address to unban on the running server.\n",
        plan.out());
    LiveCli.Run markdown =
        ocsctl("plan", "-f", desired.toString(), "--root", root.toString(), "-markdown");
    assertTrue(markdown.out().contains("**Apply will also:**\n- " + unban + "\n"), markdown.out());

    LiveCli.Run apply =
        ocsctl(
            "apply",
            "-auto-approve",
            "-f",
            desired.toString(),
            "--root",
            root.toString(),
            "--state-dir",
            tmp.resolve("state").toString());
    assertEquals(0, apply.exitCode(), apply.all());
    assertTrue(
        apply
            .out()
            .contains("\nocserv: unbanned ip 127.0.0.1 (score was 30; in server.ban_allowlist)\n"),
        apply.out());
    assertTrue(
        apply.out().endsWith("No file changed, so no revision was recorded.\n"), apply.out());
  }
}
