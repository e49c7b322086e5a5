package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply -verify} and {@code doctor -login} where they must refuse, on any machine: without
 * the client, without a canary block, without the canary's password. Nothing is written.
 */
class CanaryCommandTest {
  static final Path SCENARIO = ScenarioTest.SCENARIOS.resolve("canary-verify");

  @TempDir Path tmp;

  private Path root() throws Exception {
    Path root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    return root;
  }

  @Test
  void verifyWithoutOpenconnectIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path root = root();
    Map<String, String> before = Trees.snapshot(root);
    Cli.Run run =
        Cli.runWith(
            Map.of(
                "OCSCTL_OPENCONNECT", tmp.resolve("no-such-client").toString(), "CANARY_PW", "pw"),
            "",
            "apply",
            "-verify",
            "-auto-approve",
            "-f",
            SCENARIO.resolve("desired.hcl").toString(),
            "--root",
            root.toString(),
            "--state-dir",
            tmp.resolve("state").toString());
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err()
            .contains("apply -verify logs in with the openconnect client, which is not installed"),
        run.err());
    assertTrue(run.err().contains("apt-get install openconnect"), run.err());
    assertEquals(before, Trees.snapshot(root), "nothing is written");
    assertFalse(Files.exists(tmp.resolve("state/history")), "no history either");
  }

  @Test
  void verifyWithoutACanaryBlockIsRefused() throws Exception {
    Path root = root();
    Path desired = tmp.resolve("desired.hcl");
    String text = Files.readString(SCENARIO.resolve("desired.hcl"));
    Files.writeString(desired, text.substring(0, text.indexOf("canary {")));
    Map<String, String> before = Trees.snapshot(root);
    Cli.Run run =
        Cli.runWith(
            Map.of(),
            "",
            "apply",
            "-verify",
            "-auto-approve",
            "-f",
            desired.toString(),
            "--root",
            root.toString(),
            "--state-dir",
            tmp.resolve("state").toString());
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err()
            .contains("-verify logs in as the canary, but the desired state has no canary block"),
        run.err());
    assertEquals(before, Trees.snapshot(root));
  }

  @Test
  void verifyWithoutThePasswordIsRefused() throws Exception {
    Path root = root();
    Path client = tmp.resolve("openconnect");
    Files.writeString(client, "#!/bin/sh\nexit 1\n");
    client.toFile().setExecutable(true);
    Map<String, String> before = Trees.snapshot(root);
    Cli.Run run =
        Cli.runWith(
            Map.of("OCSCTL_OPENCONNECT", client.toString()),
            "",
            "apply",
            "-verify",
            "-auto-approve",
            "-f",
            SCENARIO.resolve("desired.hcl").toString(),
            "--root",
            root.toString(),
            "--state-dir",
            tmp.resolve("state").toString());
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err().contains("the canary's password comes from the environment variable CANARY_PW"),
        run.err());
    assertEquals(before, Trees.snapshot(root));
  }
}
