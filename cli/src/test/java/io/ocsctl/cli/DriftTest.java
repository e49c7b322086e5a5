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

  @Test
  void aServerThatShouldAnswerOccltButDoesNotIsDrift() throws Exception {
    // the tree enables occtl (use-occtl = true) but no ocserv runs for it here
    Binaries.require("occtl");
    Path prom = tmp.resolve("up.prom");
    Cli.Run run =
        Cli.run(
            "drift",
            "-f",
            desired,
            "--root",
            root.toString(),
            "--state-dir",
            state,
            "-prometheus",
            prom.toString());
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("Drift: the server is not running"), run.out());
    assertTrue(Files.readString(prom).contains("ocsctl_server_up 0"), Files.readString(prom));
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
