package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ocsctl.state.Journal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes an apply at every journal step and proves that the next command leaves the tree either
 * entirely old or entirely new, and that a second apply then converges to "No changes.".
 */
class ApplyCrashTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");
  static final String DESIRED = SCENARIO.resolve("desired.hcl").toString();

  @TempDir Path tmp;

  /** Stands for the process dying: not an exception the apply could catch and roll back. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash(String step) {
      super("simulated crash at " + step);
    }
  }

  @AfterEach
  void reset() {
    ApplyCommand.crashPoint = Journal.CrashPoint.NONE;
  }

  private Map<String, String> etc(Path root) throws IOException {
    return Trees.snapshot(root.resolve("etc"));
  }

  @Test
  void crashAtEveryStepRecoversToOldOrNew() throws IOException {
    Path reference = tmp.resolve("reference");
    Trees.copy(SCENARIO.resolve("live"), reference);
    Map<String, String> old = etc(reference);
    List<String> steps = new ArrayList<>();
    ApplyCommand.crashPoint = steps::add;
    Cli.Run clean =
        Cli.run("apply", "-f", DESIRED, "--root", reference.toString(), "-auto-approve");
    assertEquals(0, clean.exitCode(), clean.err());
    Map<String, String> neu = etc(reference);
    assertTrue(steps.size() > 10, "journal steps: " + steps);

    for (int k = 0; k < steps.size(); k++) {
      String crashAt = steps.get(k);
      Path root = tmp.resolve("crash-" + k);
      Trees.copy(SCENARIO.resolve("live"), root);
      crashApplyAt(k, root);
      Cli.Run plan = Cli.run("plan", "-f", DESIRED, "--root", root.toString());
      assertEquals(0, plan.exitCode(), plan.err());
      Map<String, String> after = etc(root);
      assertTrue(
          after.equals(old) || after.equals(neu), "crash at " + crashAt + " left a mixed tree");
      assertEquals(
          List.of(), leftovers(root), "crash at " + crashAt + ": the plan left temp files");
      Cli.Run again = Cli.run("apply", "-f", DESIRED, "--root", root.toString(), "-auto-approve");
      assertEquals(0, again.exitCode(), crashAt + ": " + again.err());
      assertEquals(neu, etc(root), "crash at " + crashAt + ": the second apply did not converge");
    }
  }

  /**
   * Issue #20 item 8: the read-only views recover first too, so a mixed tree lasts no longer than
   * the swap.
   */
  @Test
  void statusAndDoctorFinishAnInterruptedApplyFirst() throws IOException {
    Path reference = tmp.resolve("reference");
    Trees.copy(SCENARIO.resolve("live"), reference);
    Map<String, String> old = etc(reference);
    List<String> steps = new ArrayList<>();
    ApplyCommand.crashPoint = steps::add;
    assertEquals(
        0,
        Cli.run("apply", "-f", DESIRED, "--root", reference.toString(), "-auto-approve")
            .exitCode());
    Map<String, String> neu = etc(reference);
    for (String command : List.of("status", "doctor")) {
      Path root = tmp.resolve(command);
      Trees.copy(SCENARIO.resolve("live"), root);
      crashApplyAt(steps.size() / 2, root); // between the first and the last rename
      Cli.Run view =
          command.equals("status")
              ? Cli.run(
                  "status",
                  "--root",
                  root.toString(),
                  "-occtl-socket",
                  tmp.resolve("no-server").toString())
              : Cli.run("doctor", "--root", root.toString());
      assertTrue(
          view.err().contains("Recovered an interrupted apply"), command + ": " + view.err());
      Map<String, String> after = etc(root);
      assertTrue(after.equals(old) || after.equals(neu), command + " left a mixed tree");
      assertEquals(List.of(), leftovers(root), command + " left temp files");
    }
  }

  /** Runs apply on {@code root} and "kills" it at its {@code k}-th journal step. */
  private static void crashApplyAt(int k, Path root) {
    int[] seen = {0};
    ApplyCommand.crashPoint =
        step -> {
          if (seen[0]++ == k) {
            throw new SimulatedCrash(step);
          }
        };
    try {
      Cli.run("apply", "-f", DESIRED, "--root", root.toString(), "-auto-approve");
      fail("the apply should have crashed at step " + k);
    } catch (SimulatedCrash expected) {
      // the process "died" here
    } finally {
      ApplyCommand.crashPoint = Journal.CrashPoint.NONE;
    }
  }

  /** Staged, backup and journal temp files anywhere under {@code root}, outside the history. */
  static List<String> leftovers(Path root) throws IOException {
    try (var all = java.nio.file.Files.walk(root)) {
      return all.map(p -> root.relativize(p).toString())
          .filter(p -> !p.contains("/history/"))
          .filter(p -> p.endsWith(".ocsctl-new") || p.endsWith(".ocsctl-old") || p.endsWith(".tmp"))
          .sorted()
          .toList();
    }
  }

  @Test
  void killMinus9WhileStagingLeavesNoStagedFileAfterTheNextCommand() throws Exception {
    Path root = tmp.resolve("killed-staging");
    Trees.copy(SCENARIO.resolve("live"), root);
    Map<String, String> old = etc(root);
    killAt("before-mark-prepared", root);
    assertTrue(!leftovers(root).isEmpty(), "the kill should have left staged files");
    assertEquals(
        old,
        etc(root).entrySet().stream()
            .filter(e -> !e.getKey().contains(".ocsctl-"))
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    Cli.Run plan = Cli.run("plan", "-f", DESIRED, "--root", root.toString());
    assertEquals(0, plan.exitCode(), plan.err());
    assertTrue(plan.err().contains("removed the staged files of an interrupted apply"), plan.err());
    assertEquals(List.of(), leftovers(root));
    assertEquals(old, etc(root));
    Cli.Run again = Cli.run("apply", "-f", DESIRED, "--root", root.toString(), "-auto-approve");
    assertEquals(0, again.exitCode(), again.err());
    Cli.Run last = Cli.run("plan", "-f", DESIRED, "--root", root.toString());
    assertTrue(last.out().contains("No changes."), last.out());
  }

  /** Runs apply in a child JVM that pauses at journal step {@code step}, then kills it with -9. */
  static void killAt(String step, Path root) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Docsctl.test.pause-at=" + step,
                "io.ocsctl.cli.Main",
                "apply",
                "-f",
                Path.of(DESIRED).toAbsolutePath().toString(),
                "--root",
                root.toString(),
                "-auto-approve")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean paused = false;
      while ((line = err.readLine()) != null) {
        if (line.startsWith("PAUSED AT")) {
          paused = true;
          break;
        }
      }
      assertTrue(paused, "the child apply never reached " + step);
      child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void killMinus9BetweenTwoRenamesIsRecoveredByTheNextCommand() throws Exception {
    Path root = tmp.resolve("killed");
    Trees.copy(SCENARIO.resolve("live"), root);
    Map<String, String> old = etc(root);
    killAt("after-install 1", root);
    assertTrue(!etc(root).equals(old), "the kill should have left a half-swapped tree");
    Cli.Run plan = Cli.run("plan", "-f", DESIRED, "--root", root.toString());
    assertEquals(0, plan.exitCode(), plan.err());
    assertTrue(plan.err().contains("Recovered an interrupted apply"), plan.err());
    assertEquals(old, etc(root), "the half-done apply must be rolled back entirely");
  }
}
