package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code history} lists what apply recorded; {@code rollback REV} brings the exact files of a
 * revision back through the same apply path (approval, guards, journal, history), and the plan of
 * the revision's desired state then says "No changes.".
 */
class HistoryRollbackTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");

  @TempDir Path tmp;
  Path root;
  String state;
  ScenarioTree tree;

  @BeforeEach
  void tree() throws Exception {
    tree = ScenarioTree.copy(SCENARIO, tmp);
    root = tree.root;
    state = tree.state;
  }

  private Cli.Run ocsctl(String... args) {
    return tree.ocsctl(args);
  }

  @Test
  void historyListsTheRevisionsNewestFirst() throws Exception {
    Cli.Run empty = ocsctl("history");
    assertEquals(0, empty.exitCode(), empty.err());
    assertTrue(empty.out().startsWith("No history yet: nothing has been applied"), empty.out());

    assertEquals(
        0,
        ocsctl("apply", "-f", SCENARIO.resolve("desired.hcl").toString(), "-auto-approve")
            .exitCode());
    Cli.Run history = ocsctl("history");
    assertEquals(0, history.exitCode(), history.err());
    List<String> lines = history.out().lines().toList();
    assertEquals(2, lines.size(), history.out());
    assertTrue(
        lines
            .get(0)
            .matches("[0-9a-f]{7,} .*Plan: \\d+ to add, \\d+ to change, \\d+ to destroy\\."),
        lines.get(0));
    assertTrue(lines.get(1).endsWith("Initial state before ocsctl"), lines.get(1));
    assertEquals(1, ocsctl("history", "-n", "1").out().lines().count());
  }

  @Test
  void rollbackRestoresTheExactFilesAndIsRecorded() throws Exception {
    Map<String, String> before = Trees.snapshot(root);
    assertEquals(
        0,
        ocsctl("apply", "-f", SCENARIO.resolve("desired.hcl").toString(), "-auto-approve")
            .exitCode());
    Map<String, String> applied = Trees.snapshot(root);

    // the first revision has no vhost: the rollback destroys one, and its guards are an apply's
    Cli.Run guarded = ocsctl("rollback", "HEAD~1", "-auto-approve");
    assertEquals(1, guarded.exitCode(), guarded.out() + guarded.err());
    assertTrue(
        guarded
            .out()
            .contains(
                "\nWarning: the plan destroys 1 vhost: vhost[\"vpn2.example.com\"]; apply needs"
                    + " -allow-mass-destroy.\n"),
        guarded.out());
    assertTrue(
        guarded.err().contains("run rollback again with -allow-mass-destroy; nothing was changed."),
        guarded.err());
    assertEquals(applied, Trees.snapshot(root));

    Cli.Run unapproved = ocsctl("rollback", "HEAD~1", "-allow-mass-destroy");
    assertEquals(1, unapproved.exitCode(), unapproved.out() + unapproved.err());
    assertTrue(
        unapproved.err().contains("review the plan above and pass -auto-approve"),
        unapproved.out() + unapproved.err());
    assertEquals(applied, Trees.snapshot(root), "a rollback that was not approved changes nothing");

    Cli.Run unknown = ocsctl("rollback", "no-such-revision", "-auto-approve");
    assertEquals(1, unknown.exitCode());
    assertEquals(
        "error: unknown revision no-such-revision; see 'ocsctl history'.\n", unknown.err());

    Cli.Run rollback = ocsctl("rollback", "HEAD~1", "-auto-approve", "-allow-mass-destroy");
    assertEquals(0, rollback.exitCode(), rollback.out() + rollback.err());
    assertTrue(
        rollback.out().contains("  # vhost[\"vpn2.example.com\"] will be destroyed\n"),
        "the rollback plan shows its resource changes:\n" + rollback.out());
    assertTrue(rollback.out().contains("Rollback complete; recorded as revision "), rollback.out());
    assertEquals(before, Trees.snapshot(root), "the files of the first revision, byte for byte");
    assertEquals(3, ocsctl("history").out().lines().count());

    Cli.Run nothing = ocsctl("rollback", "HEAD", "-auto-approve");
    assertEquals(0, nothing.exitCode(), nothing.err());
    assertTrue(nothing.out().startsWith("No changes."), nothing.out());

    Cli.Run forward = ocsctl("rollback", "HEAD~1", "-auto-approve");
    assertEquals(0, forward.exitCode(), forward.out() + forward.err());
    assertEquals(applied, Trees.snapshot(root), "rolling forward again restores the applied files");
    Cli.Run plan =
        ocsctl("plan", "-f", SCENARIO.resolve("desired.hcl").toString(), "-detailed-exitcode");
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().startsWith("No changes."), plan.out());
  }
}
