package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.state.History;
import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash sweep of issue 20: {@code kill -9} of an apply's JVM at random points of a 2,000-user
 * apply that rewrites hundreds of files, alternating between two desired states. After each kill a
 * random next command (plan, drift or apply) must leave the tree entirely old or entirely new with
 * no temp file; a following apply converges without force-unlock; the history holds every applied
 * revision. 12 kills in a plain {@code mvn verify}, 100 with {@code -Pcrash-sweep} ({@code
 * -Docsctl.sweep.kills=N} sets any number, {@code -Docsctl.sweep.seed=S} replays a run); see
 * docs/recovery.md.
 */
class ApplyCrashSweepIT {
  static final int USERS = 2000;

  @TempDir Path tmp;
  Path root;
  Path state;
  Path[] desired;

  static int kills() {
    return Integer.getInteger("ocsctl.sweep.kills", 12);
  }

  @Test
  void killMinus9AtRandomPointsNeverNeedsAPerson() throws Exception {
    Path estate = CrashSweepEstate.write(tmp.resolve("desired"), USERS);
    desired = new Path[] {estate.resolve("a.hcl"), estate.resolve("b.hcl")};
    root = tmp.resolve("root");
    Trees.copy(ApplyCrashTest.SCENARIO.resolve("live"), root);
    state = root.resolve("var/lib/ocsctl");
    List<Map<String, String>> trees = new ArrayList<>();
    assertApplied(apply(0, "-allow-mass-destroy"));
    trees.add(etc());
    assertApplied(apply(1));
    trees.add(etc());
    int changed =
        (int)
            trees.get(0).keySet().stream()
                .filter(k -> !trees.get(0).get(k).equals(trees.get(1).get(k)))
                .count();
    assertTrue(changed >= 500, "each apply rewrites hundreds of files: " + changed);

    // how long an uninterrupted apply runs, and how long after its journal appears
    long started = System.nanoTime();
    Process calibration = child(0);
    long journalAt = awaitJournal(calibration, TimeUnit.MINUTES.toNanos(5));
    assertTrue(calibration.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, calibration.exitValue());
    long total = System.nanoTime() - started;
    long afterJournal = Math.max(TimeUnit.MILLISECONDS.toNanos(50), System.nanoTime() - journalAt);
    int current = 0;
    int revisions = revisions();

    long seed = Long.getLong("ocsctl.sweep.seed", System.nanoTime());
    Random rng = new Random(seed);
    int killed = 0;
    int finished = 0;
    Map<String, Integer> next = new TreeMap<>();
    for (int attempt = 0; killed < kills() && attempt < kills() * 3; attempt++) {
      int target = 1 - current;
      String where = "seed " + seed + ", attempt " + attempt + ": ";
      long t0 = System.nanoTime();
      Process child = child(target);
      long start = System.nanoTime();
      if (rng.nextInt(4) == 0) {
        sleepNanos(start + (long) (rng.nextDouble() * total)); // anywhere, start-up included
      } else {
        awaitJournal(child, 2 * total);
        sleepNanos(System.nanoTime() + (long) (rng.nextDouble() * afterJournal));
      }
      if (child.isAlive()) {
        child.destroyForcibly(); // SIGKILL
        killed++;
      } else {
        finished++;
      }
      assertTrue(child.waitFor(1, TimeUnit.MINUTES), where + "the child did not die");

      String command = List.of("plan", "drift", "apply").get(rng.nextInt(3));
      next.merge(command, 1, Integer::sum);
      Cli.Run after =
          switch (command) {
            case "plan" ->
                Cli.run("plan", "-f", desired[target].toString(), "--root", root.toString());
            case "drift" ->
                Cli.run(
                    "drift",
                    "-f",
                    desired[target].toString(),
                    "--root",
                    root.toString(),
                    "-no-server-check");
            default -> apply(target);
          };
      int code = after.exitCode();
      assertTrue(
          code == 0 || (command.equals("drift") && code == 4),
          where + command + " exited " + code + ": " + after.err() + after.out());
      Map<String, String> tree = etc();
      assertTrue(
          tree.equals(trees.get(0)) || tree.equals(trees.get(1)),
          where + command + " after the kill left a mixed tree");
      assertEquals(List.of(), ApplyCrashTest.leftovers(root), where + "temp files left");
      assertFalse(Files.exists(state.resolve("journal.json")), where + "journal left");

      assertApplied(apply(target));
      assertEquals(trees.get(target), etc(), where + "the following apply did not converge");
      Cli.Run plan = Cli.run("plan", "-f", desired[target].toString(), "--root", root.toString());
      assertTrue(plan.out().contains("No changes."), where + plan.out());
      revisions++;
      assertEquals(
          revisions, revisions(), where + "the history must hold every applied revision once");
      assertHeadIsTheTree(where + command + " (" + after.err().strip() + "): ");
      System.out.printf(
          "attempt %d: %s, %d ms%n", attempt, command, (System.nanoTime() - t0) / 1_000_000);
      current = target;
    }
    System.out.printf(
        "crash sweep: %d kills, %d applies finished before the kill, next commands %s,"
            + " seed %d%n",
        killed, finished, next, seed);
    assertTrue(killed >= kills(), "only " + killed + " of " + kills() + " kills landed");
  }

  private Process child(int target) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xss16m",
            "-cp",
            System.getProperty("java.class.path"),
            "io.ocsctl.cli.Main",
            "apply",
            "-f",
            desired[target].toString(),
            "--root",
            root.toString(),
            "-auto-approve")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** When the journal appeared (or now, if the child ended or the wait ran out first). */
  private long awaitJournal(Process child, long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    Path journal = state.resolve("journal.json");
    while (child.isAlive() && !Files.exists(journal) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    return System.nanoTime();
  }

  private static void sleepNanos(long until) throws InterruptedException {
    long left = until - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private Cli.Run apply(int target, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "apply",
                "-f",
                desired[target].toString(),
                "--root",
                root.toString(),
                "-auto-approve"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static void assertApplied(Cli.Run run) {
    assertEquals(0, run.exitCode(), run.err() + run.out());
    assertFalse(run.err().contains("force-unlock"), run.err());
  }

  private Map<String, String> etc() throws IOException {
    return Trees.snapshot(root.resolve("etc"));
  }

  private int revisions() throws IOException {
    try (History history = History.open(StateDir.at(state))) {
      return history.log(100_000).size();
    }
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /** The newest revision holds exactly the managed files on disk, byte for byte. */
  private void assertHeadIsTheTree(String where) throws IOException {
    Map<String, byte[]> head;
    try (History history = History.open(StateDir.at(state))) {
      head = history.filesAt("HEAD");
    }
    Map<String, String> disk = new TreeMap<>();
    for (String dir : List.of("config-per-user", "config-per-group")) {
      try (var files = Files.list(root.resolve("etc/ocserv").resolve(dir))) {
        for (Path f : files.toList()) {
          disk.put("etc/ocserv/" + dir + "/" + f.getFileName(), Files.readString(f));
        }
      }
    }
    for (String f : List.of("ocserv.conf", "ocpasswd")) {
      disk.put("etc/ocserv/" + f, Files.readString(root.resolve("etc/ocserv").resolve(f)));
    }
    Map<String, String> recorded = new TreeMap<>();
    head.forEach((k, v) -> recorded.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
    List<String> differ = new ArrayList<>();
    for (String k : new java.util.TreeSet<>(union(disk.keySet(), recorded.keySet()))) {
      if (!java.util.Objects.equals(disk.get(k), recorded.get(k))) {
        differ.add(k);
      }
    }
    assertEquals(
        List.of(),
        differ.subList(0, Math.min(5, differ.size())),
        where + differ.size() + " files differ between HEAD of the history and the tree on disk");
  }
}
