package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.Binaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** drift tells hand edits (exit 2) from reviewed changes not yet applied (exit 4). */
class DriftTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");

  @TempDir Path tmp;
  Path root;
  String desired;
  String state;

  @BeforeEach
  void applied() throws Exception {
    root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    desired = SCENARIO.resolve("desired.hcl").toString();
    state = tmp.resolve("state").toString();
    assertEquals(
        0,
        Cli.run(
                "apply",
                "-f",
                desired,
                "--root",
                root.toString(),
                "--state-dir",
                state,
                "-auto-approve")
            .exitCode());
  }

  private Cli.Run drift(String file, String... more) {
    String[] args =
        new String[] {
          "drift", "-f", file, "--root", root.toString(), "--state-dir", state, "-no-server-check"
        };
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return Cli.run(all);
  }

  @Test
  void inSyncAfterApply() {
    Cli.Run run = drift(desired);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("In sync"), run.out());
  }

  private Cli.Run driftWithServer(String... more) {
    String[] args =
        new String[] {"drift", "-f", desired, "--root", root.toString(), "--state-dir", state};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return Cli.run(all);
  }

  @Test
  void aCopiedTreeWithNoServerIsInSyncAndSaysTheServerCheckWasSkipped() throws Exception {
    // the README tour: apply to a copy, then drift; the tree enables occtl but nothing ever ran
    Path prom = tmp.resolve("copy.prom");
    for (int run = 0; run < 2; run++) { // the second run answers from the in-sync stamp
      Cli.Run r = driftWithServer("-prometheus", prom.toString());
      assertEquals(0, r.exitCode(), r.out() + r.err());
      assertTrue(r.out().contains("In sync"), r.out());
      assertTrue(
          r.out()
              .contains(
                  "Note: no ocserv runs for this tree (nothing at /var/run/occtl.socket): the server"
                      + " check was skipped."),
          r.out());
      String metrics = Files.readString(prom);
      assertTrue(metrics.contains("ocsctl_drift_status 0"), metrics);
      assertTrue(!metrics.contains("ocsctl_server_up"), metrics);
    }
    assertTrue(Files.exists(Path.of(state, "drift-stamp")), "the second run used the stamp");
  }

  @Test
  void aServerThatShouldAnswerOcctlButDoesNotIsAnOutageNotDrift() throws Exception {
    Binaries.require("occtl");
    Path prom = tmp.resolve("up.prom");
    assertEquals(0, driftWithServer().exitCode()); // stamps the in-sync tree
    // a socket file left behind: a server ran here and no longer answers
    Path socket = root.resolve("var/run/occtl.socket");
    Files.createDirectories(socket.getParent());
    Files.writeString(socket, "");
    Cli.Run run = driftWithServer("-prometheus", prom.toString());
    assertEquals(5, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.out()
            .startsWith(
                "Server down: ocserv does not answer on /var/run/occtl.socket (not running?)."),
        run.out());
    assertTrue(!run.out().contains("Drift:"), "an outage is not a change by hand: " + run.out());
    String metrics = Files.readString(prom);
    assertTrue(metrics.contains("ocsctl_server_up 0"), metrics);
    assertTrue(metrics.contains("ocsctl_drift_status 5"), metrics);
    assertTrue(metrics.contains("ocsctl_drift_resources{kind=\"user\"} 0"), metrics);
    Cli.Run json = driftWithServer("-json");
    assertEquals(5, json.exitCode());
    assertTrue(json.out().contains("\"status\" : \"server_down\""), json.out());
    assertTrue(json.out().contains("\"state\" : \"down\""), json.out());

    // a hand change as well: drift (exit 2) wins, and the outage keeps its own line
    Files.writeString(
        root.resolve("etc/ocserv/ocpasswd"),
        "eve:*:$6$abcdefgh$ijklmnop\n",
        StandardOpenOption.APPEND);
    Cli.Run both = driftWithServer("-prometheus", prom.toString());
    assertEquals(2, both.exitCode(), both.out());
    assertTrue(both.out().contains("Server down: "), both.out());
    assertTrue(both.out().contains("+ user[\"eve\"]  added outside ocsctl"), both.out());
    assertTrue(Files.readString(prom).contains("ocsctl_server_up 0"));
  }

  @Test
  void helpDocumentsTheServerDownExitCode() {
    Cli.Run help = Cli.run("drift", "--help");
    assertTrue(help.out().contains("5   the server does not answer occtl"), help.out());
  }

  @Test
  void aUserAddedByHandToOcpasswdIsDrift() throws Exception {
    Files.writeString(
        root.resolve("etc/ocserv/ocpasswd"),
        "eve:*:$6$abcdefgh$ijklmnop\n",
        StandardOpenOption.APPEND);
    Files.writeString(
        root.resolve("etc/ocserv/config-per-user/carol"),
        "route = 1.2.3.0/24\n",
        StandardOpenOption.APPEND);
    Path prom = tmp.resolve("ocsctl.prom");
    Cli.Run run = drift(desired, "-prometheus", prom.toString());
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("+ user[\"eve\"]  added outside ocsctl"), run.out());
    assertTrue(run.out().contains("~ user[\"carol\"]  changed outside ocsctl (route)"), run.out());
    assertTrue(!run.out().contains("$6$abcdefgh"), "no hash in the output");
    String metrics = Files.readString(prom);
    assertTrue(metrics.contains("ocsctl_drift_resources{kind=\"user\"} 2"), metrics);
    assertTrue(metrics.contains("ocsctl_drift_status 2"), metrics);
    assertTrue(metrics.contains("ocsctl_last_check_timestamp_seconds "), metrics);
  }

  @Test
  void reviewedButUnappliedChangesArePending() throws Exception {
    Path changed = tmp.resolve("changed.hcl");
    Files.writeString(
        changed,
        Files.readString(Path.of(desired)).replaceFirst("(\"max-clients\"\\s*=\\s*)32", "$164"));
    Cli.Run run = drift(changed.toString(), "-json");
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("\"status\" : \"pending\""), run.out());
    assertTrue(run.out().contains("\"address\" : \"server\""), run.out());
  }
}
