package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 concurrent plan processes and 5 concurrent apply processes (each with its own desired state)
 * on one tree: every process finishes cleanly, the applies serialise on the lock, the tree ends as
 * exactly one of the desired states, and every history revision is one whole desired state.
 */
class ConcurrencyTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");

  @TempDir Path tmp;

  private static Process start(List<String> args, Path log) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.ocsctl.cli.Main"));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("NO_COLOR", "1");
    return pb.start();
  }

  @Test
  void twentyPlansAndFiveAppliesOnOneTree() throws Exception {
    Path root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    String base = Files.readString(SCENARIO.resolve("desired.hcl"));
    List<Path> variants = new ArrayList<>();
    for (int v = 1; v <= 5; v++) {
      Path desired = tmp.resolve("desired-" + v + ".hcl");
      Files.writeString(
          desired,
          base
              + "\nuser \"extra"
              + v
              + "\" {\n  groups = [\"ops\"]\n"
              + "  password_hash = \"$6$J/0jxPP.$2.LLPR8JOa149gnqtP98/R7FNcd1aBfDhP/nlamJxaoLarRaZZYIPLaob/PFYFewxyxcM/gx6/ZZROYo.CBbM/\"\n}\n");
      variants.add(desired);
    }
    Path stateDir = tmp.resolve("state");
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Path log = tmp.resolve("log-" + i);
      logs.add(log);
      boolean apply = i % 5 == 0;
      Path desired = variants.get(apply ? i / 5 : i % 5);
      List<String> args =
          apply
              ? List.of(
                  "apply",
                  "-f",
                  desired.toString(),
                  "--root",
                  root.toString(),
                  "--state-dir",
                  stateDir.toString(),
                  "-auto-approve",
                  "-lock-timeout",
                  "240")
              : List.of(
                  "plan",
                  "-f",
                  desired.toString(),
                  "--root",
                  root.toString(),
                  "--state-dir",
                  stateDir.toString(),
                  "-detailed-exitcode");
      processes.add(start(args, log));
    }
    for (int i = 0; i < processes.size(); i++) {
      assertTrue(processes.get(i).waitFor(300, TimeUnit.SECONDS), "process " + i + " hung");
      int code = processes.get(i).exitValue();
      String output = Files.readString(logs.get(i));
      if (i % 5 == 0) {
        assertEquals(0, code, "apply " + i + ": " + output);
      } else {
        assertTrue(code == 0 || code == 2, "plan " + i + " exited " + code + ": " + output);
      }
    }
    // one consistent result: the tree is exactly one variant's state
    int matching = 0;
    for (Path desired : variants) {
      Cli.Run plan =
          Cli.run(
              "plan",
              "-f",
              desired.toString(),
              "--root",
              root.toString(),
              "--state-dir",
              stateDir.toString(),
              "-detailed-exitcode");
      matching += plan.exitCode() == 0 ? 1 : 0;
    }
    assertEquals(1, matching, "the tree should match exactly one desired state");
    // no interleaving: the history holds the initial state and 5 applies, each a whole variant
    try (Git git = Git.open(stateDir.resolve("history").toFile())) {
      List<RevCommit> log = new ArrayList<>();
      git.log().call().forEach(log::add);
      assertEquals(6, log.size());
      Set<String> extras = new HashSet<>();
      for (RevCommit commit : log.subList(0, 5)) {
        try (TreeWalk walk =
            TreeWalk.forPath(git.getRepository(), "etc/ocserv/ocpasswd", commit.getTree())) {
          String passwd =
              new String(
                  git.getRepository().open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
          List<String> extraUsers = passwd.lines().filter(l -> l.startsWith("extra")).toList();
          assertEquals(
              1, extraUsers.size(), "revision " + commit.name() + " mixes states: " + extraUsers);
          extras.add(extraUsers.get(0).substring(0, 6));
        }
      }
      assertEquals(5, extras.size(), "every apply is recorded once: " + extras);
    }
  }
}
