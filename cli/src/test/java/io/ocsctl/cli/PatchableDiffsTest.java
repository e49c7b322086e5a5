package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.Binaries;
import io.ocsctl.providers.passwd.PasswdFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The file diffs a plan shows are real patches: on every golden scenario, {@code patch -p1} and
 * {@code git apply} turn the live tree into what {@code apply} writes. ocpasswd files are compared
 * masked, as the plan shows them.
 */
class PatchableDiffsTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> diffsApplyWithPatchAndGitApply() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ScenarioTest.SCENARIOS)) {
      for (Path dir : dirs.sorted().toList()) {
        if (Files.isDirectory(dir.resolve("live")) && !Files.exists(dir.resolve("apply-fails"))) {
          tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
        }
      }
    }
    assertTrue(tests.size() >= 5, "the scenarios moved? " + tests.size());
    return tests.stream();
  }

  private void check(Path dir) throws Exception {
    Path work = Files.createDirectories(tmp.resolve(dir.getFileName().toString()));
    Path desired = ScenarioTest.desired(dir);
    Cli.Run plan =
        Cli.run(
            "plan", "-json", "-f", desired.toString(), "--root", dir.resolve("live").toString());
    assertEquals(0, plan.exitCode(), plan.err());
    JsonNode json = JsonMapper.builder().build().readTree(plan.out());
    StringBuilder patch = new StringBuilder();
    List<String> sensitive = new ArrayList<>();
    for (JsonNode file : json.get("file_changes")) {
      patch.append(file.get("diff").asString());
      if (file.get("sensitive").asBoolean()) {
        sensitive.add(file.get("path").asString().substring(1));
      }
    }
    Path patchFile = work.resolve("plan.patch");
    Files.writeString(patchFile, patch.toString());

    Path applied = work.resolve("applied");
    Trees.copy(dir.resolve("live"), applied);
    Cli.Run apply =
        Cli.run(
            "apply",
            "-f",
            desired.toString(),
            "--root",
            applied.toString(),
            "-auto-approve",
            "--state-dir",
            work.resolve("state").toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    Map<String, String> expected = masked(applied, sensitive);
    if (patch.isEmpty()) {
      assertEquals(
          masked(dir.resolve("live"), sensitive), expected, "no diff, yet apply changed files");
      return;
    }

    Path patched = work.resolve("patched");
    Trees.copy(dir.resolve("live"), patched);
    mask(patched, sensitive);
    Commands.run(
        patched,
        60,
        Binaries.require("patch").toString(),
        "-p1",
        "--batch",
        "--forward",
        "-s",
        "-i",
        patchFile.toString());
    assertEquals(expected, masked(patched, sensitive), "patch -p1 of the plan's diffs:\n" + patch);

    Path gitApplied = work.resolve("git-applied");
    Trees.copy(dir.resolve("live"), gitApplied);
    mask(gitApplied, sensitive);
    Commands.run(
        gitApplied, 60, Binaries.require("git").toString(), "apply", "-p1", patchFile.toString());
    assertEquals(
        expected, masked(gitApplied, sensitive), "git apply of the plan's diffs:\n" + patch);
  }

  /**
   * Every file of the tree (ocsctl's state aside), with the sensitive ones masked as a plan shows
   * them.
   */
  private static Map<String, String> masked(Path root, List<String> sensitive) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String key = root.relativize(p).toString();
        if (Files.isRegularFile(p) && !key.startsWith("var/lib/ocsctl")) {
          String text = Files.readString(p);
          out.put(key, sensitive.contains(key) ? maskPasswd(text) : text);
        }
      }
    }
    return out;
  }

  private static void mask(Path root, List<String> sensitive) throws Exception {
    for (String rel : sensitive) {
      Path file = root.resolve(rel);
      if (Files.exists(file)) {
        Files.writeString(file, maskPasswd(Files.readString(file)));
      }
    }
  }

  private static String maskPasswd(String text) throws Exception {
    return PasswdFile.parse("ocpasswd", text)
        .renderMasked(e -> "(sensitive)")
        .replace("(sensitive, changed)", "(sensitive)");
  }
}
