package io.ocsctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal keeps the managed tree entirely old or entirely new whatever step crashes. */
class JournalTest {

  @TempDir Path tmp;

  /** Thrown by the crash hook: stands for the process dying at that step. */
  static final class Crash extends IOException {
    Crash(String step) {
      super("crash at " + step);
    }
  }

  /** Throws at the n-th step reached (0-based); records every step. */
  static final class CrashAt implements Journal.CrashPoint {
    final int n;
    final List<String> seen = new ArrayList<>();

    CrashAt(int n) {
      this.n = n;
    }

    @Override
    public void reached(String step) throws IOException {
      seen.add(step);
      if (seen.size() - 1 == n) {
        throw new Crash(step);
      }
    }
  }

  /** A server tree: two modified files (one 0600), a new file in a new directory, one deleted. */
  static final class Scenario {
    final Path root;
    final StateDir state;
    final Map<String, String> oldTree;
    final Map<String, String> newTree;

    Scenario(Path base) throws IOException {
      root = Files.createDirectories(base.resolve("root"));
      state = StateDir.at(base.resolve("state"));
      write("etc/ocserv/ocserv.conf", "tcp-port = 443\n", "rw-r--r--");
      write("etc/ocserv/ocpasswd", "alice:*:$6$old\n", "rw-------");
      write("etc/ocserv/gone.conf", "route = 10.0.0.0/8\r\n", "rw-r--r--");
      write("etc/ocserv/untouched", "\u0000binary\u00ff", "rw-r--r--");
      oldTree = snapshot(root);
      newTree = new TreeMap<>(oldTree);
      newTree.put("etc/ocserv/ocserv.conf", "tcp-port = 14443\n");
      newTree.put("etc/ocserv/ocpasswd", "alice:*:$6$new\nbob:*:$6$b\n");
      newTree.put("etc/ocserv/config-per-user/bob", "route = 10.1.0.0/16\n");
      newTree.remove("etc/ocserv/gone.conf");
    }

    List<Journal.Entry> stage() throws IOException {
      return List.of(
          Staging.write(
              scope(),
              file("etc/ocserv/ocserv.conf"),
              bytes(newTree.get("etc/ocserv/ocserv.conf"))),
          Staging.write(
              scope(), file("etc/ocserv/ocpasswd"), bytes(newTree.get("etc/ocserv/ocpasswd"))),
          Staging.write(
              scope(),
              file("etc/ocserv/config-per-user/bob"),
              bytes(newTree.get("etc/ocserv/config-per-user/bob"))),
          Staging.delete(scope(), file("etc/ocserv/gone.conf")));
    }

    WriteScope scope() {
      return new WriteScope(
          root,
          java.util.Set.of(
              file("etc/ocserv/ocserv.conf"),
              file("etc/ocserv/ocpasswd"),
              file("etc/ocserv/gone.conf")),
          java.util.Set.of(file("etc/ocserv/config-per-user")));
    }

    Path file(String relative) {
      return root.resolve(relative);
    }

    private void write(String relative, String content, String mode) throws IOException {
      Path f = file(relative);
      Files.createDirectories(f.getParent());
      Files.write(f, bytes(content));
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    }
  }

  @Test
  void aCrashWhileStagingIsCleanedByRecovery() throws Exception {
    Scenario s = new Scenario(tmp);
    List<Journal.Entry> entries =
        List.of(
            Staging.entry(s.file("etc/ocserv/ocserv.conf"), false),
            Staging.entry(s.file("etc/ocserv/ocpasswd"), false),
            Staging.entry(s.file("etc/ocserv/gone.conf"), true));
    Journal journal = Journal.stage(s.state, entries);
    assertFalse(Files.exists(entries.get(0).staged()), "journalled before it exists");
    journal.writeStaged(0, bytes("tcp-port = 1\n"), DurableFiles.OWNER_RW);
    assertTrue(Files.exists(entries.get(0).staged()));
    // the process dies here: the next command recovers
    Journal.Recovery r = Journal.recover(s.state).orElseThrow();
    assertTrue(r.action().startsWith("removed the staged files"), r.action());
    assertEquals(s.oldTree, snapshot(s.root));
    assertFalse(Files.exists(s.state.journalFile()));
  }

  @Test
  void swapThenFinishInstallsTheNewTree() throws Exception {
    Scenario s = new Scenario(tmp);
    Journal journal = Journal.begin(s.state, s.stage());
    assertTrue(Files.exists(s.state.journalFile()));
    assertEquals(s.oldTree, withoutOwnTempFiles(snapshot(s.root)), "begin touches nothing live");

    journal.commitSwap();
    journal.finish();

    assertEquals(s.newTree, snapshot(s.root));
    assertFalse(Files.exists(s.state.journalFile()));
    assertEquals(Optional.empty(), Journal.recover(s.state));
  }

  @Test
  void rollbackAfterASwapRestoresTheOldTree() throws Exception {
    Scenario s = new Scenario(tmp);
    Journal journal = Journal.begin(s.state, s.stage());
    journal.commitSwap();
    assertEquals(s.newTree, withoutOwnTempFiles(snapshot(s.root)));

    journal.rollback();

    assertEquals(s.oldTree, snapshot(s.root));
    assertFalse(Files.exists(s.state.journalFile()));
  }

  @Test
  void permissionsFollowTheTargetAndNewFilesAreOwnerOnly() throws Exception {
    Scenario s = new Scenario(tmp);
    List<Journal.Entry> entries = s.stage();
    assertEquals("rw-r--r--", mode(entries.get(0).staged()));
    assertEquals("rw-------", mode(entries.get(1).staged()));
    assertEquals("rw-------", mode(entries.get(2).staged()));

    Journal journal = Journal.begin(s.state, entries);
    assertEquals("rw-------", mode(s.state.journalFile()));
    journal.commitSwap();
    assertEquals("rw-------", mode(entries.get(1).backup()));
    assertEquals("rw-r--r--", mode(entries.get(0).backup()));
    journal.finish();

    assertEquals("rw-r--r--", mode(s.file("etc/ocserv/ocserv.conf")));
    assertEquals("rw-------", mode(s.file("etc/ocserv/ocpasswd")));
    assertEquals("rw-------", mode(s.file("etc/ocserv/config-per-user/bob")));
    assertEquals("rwx------", mode(s.state.path()));
  }

  @Test
  void everyCrashDuringSwapOrFinishRecoversToOneWholeTree() throws Exception {
    List<String> steps = stepsOfAFullApply();
    int swapped = steps.indexOf("after-mark-swapped");
    // 2 modified files x 4 renames steps, 1 new file x 2, 1 delete x 2, 2 journal marks,
    // then finish: 4 backups dropped + the journal
    assertEquals(19, steps.size(), steps.toString());
    assertEquals(13, swapped, steps.toString());
    for (int k = 0; k < steps.size(); k++) {
      Scenario s = new Scenario(tmp.resolve("crash-" + k));
      Journal journal = Journal.begin(s.state, s.stage());
      CrashAt crash = new CrashAt(k);
      journal.setCrashPoint(crash);
      assertThrows(
          Crash.class,
          () -> {
            journal.commitSwap();
            journal.finish();
          });

      Optional<Journal.Recovery> recovery = Journal.recover(s.state);

      Map<String, String> expected = k < swapped ? s.oldTree : s.newTree;
      assertEquals(expected, snapshot(s.root), "crash at " + steps.get(k));
      assertTrue(recovery.isPresent());
      assertEquals(
          k < swapped ? "rolled back an interrupted apply" : "completed an interrupted apply",
          recovery.get().action());
      assertEquals(4, recovery.get().files().size());
      assertFalse(Files.exists(s.state.journalFile()));
      assertEquals(Optional.empty(), Journal.recover(s.state));
    }
  }

  @Test
  void aCrashDuringRecoveryIsRecoveredByTheNextRun() throws Exception {
    List<String> steps = stepsOfAFullApply();
    int swapped = steps.indexOf("after-mark-swapped");
    int applySteps = steps.size();
    int cases = 0;
    for (int k = 0; k < applySteps; k++) {
      for (int j = 0; ; j++) {
        Scenario s = new Scenario(tmp.resolve("crash-" + k + "-" + j));
        Journal journal = Journal.begin(s.state, s.stage());
        journal.setCrashPoint(new CrashAt(k));
        assertThrows(
            Crash.class,
            () -> {
              journal.commitSwap();
              journal.finish();
            });
        Map<String, String> expected = k < swapped ? s.oldTree : s.newTree;
        CrashAt recoveryCrash = new CrashAt(j);
        boolean crashed = false;
        try {
          Journal.recover(s.state, recoveryCrash);
        } catch (Crash expectedCrash) {
          crashed = true;
          cases++;
          Journal.recover(s.state);
        }
        assertEquals(
            expected,
            snapshot(s.root),
            "apply crash at " + steps.get(k) + ", recovery steps " + recoveryCrash.seen);
        assertFalse(Files.exists(s.state.journalFile()));
        if (!crashed) {
          break; // recovery finished before reaching step j: each of its steps has been tried
        }
      }
    }
    assertTrue(cases > applySteps, "only " + cases + " recovery crashes tried");
  }

  @Test
  void everyCrashAfterAnExplicitRollbackBeganEndsWithTheOldTree() throws Exception {
    for (int k = 0; ; k++) {
      Scenario s = new Scenario(tmp.resolve("rollback-" + k));
      Journal journal = Journal.begin(s.state, s.stage());
      journal.commitSwap();
      CrashAt crash = new CrashAt(k);
      journal.setCrashPoint(crash);
      try {
        journal.rollback();
      } catch (Crash crashed) {
        String action = Journal.recover(s.state).orElseThrow().action();
        if (k == 0) {
          // the rollback had not begun: the journal still said "swapped", so the apply completes
          assertEquals("before-mark-rolling-back", crash.seen.get(0));
          assertEquals("completed an interrupted apply", action);
          assertEquals(s.newTree, snapshot(s.root));
        } else {
          assertEquals("rolled back an interrupted apply", action);
          assertEquals(s.oldTree, snapshot(s.root), "rollback crash at " + crash.seen.get(k));
        }
        continue;
      }
      assertEquals(s.oldTree, snapshot(s.root));
      assertTrue(k > 5, "rollback has only " + k + " steps");
      break;
    }
  }

  @Test
  void aSwapThatFailsHalfWayIsRolledBackInProcess() throws Exception {
    Scenario s = new Scenario(tmp);
    Journal journal = Journal.begin(s.state, s.stage());
    journal.setCrashPoint(
        step -> {
          if (step.equals("after-install 1")) {
            throw new IOException("disk full");
          }
        });
    assertThrows(IOException.class, journal::commitSwap);

    journal.setCrashPoint(Journal.CrashPoint.NONE);
    journal.rollback();

    assertEquals(s.oldTree, snapshot(s.root));
    assertFalse(Files.exists(s.state.journalFile()));
  }

  @Test
  void aFileThatAppearedSinceStagingStopsTheSwapAndSurvivesRollback() throws Exception {
    Scenario s = new Scenario(tmp);
    Journal journal = Journal.begin(s.state, s.stage());
    Files.writeString(s.file("etc/ocserv/config-per-user/bob"), "hand-made\n");

    assertThrows(FileAlreadyExistsException.class, journal::commitSwap);
    journal.rollback();

    Map<String, String> expected = new TreeMap<>(s.oldTree);
    expected.put("etc/ocserv/config-per-user/bob", "hand-made\n");
    assertEquals(expected, snapshot(s.root));
  }

  @Test
  void beginRefusesWhileAnEarlierJournalIsPending() throws Exception {
    Scenario s = new Scenario(tmp);
    Journal.begin(s.state, s.stage());
    assertThrows(FileAlreadyExistsException.class, () -> Journal.begin(s.state, List.of()));
    assertEquals(
        "rolled back an interrupted apply", Journal.recover(s.state).orElseThrow().action());
    assertEquals(s.oldTree, snapshot(s.root), "orphan .ocsctl-new files are removed");
  }

  @Test
  void entriesMustKeepTheirFilesBesideTheTarget() {
    Path target = tmp.resolve("a/x");
    assertThrows(
        IllegalArgumentException.class,
        () -> new Journal.Entry(target, tmp.resolve("b/.x.ocsctl-new"), null, false));
    assertThrows(
        IllegalArgumentException.class, () -> new Journal.Entry(target, null, null, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Journal.Entry(target, Staging.stagedPath(target), null, true));
    assertEquals(tmp.resolve("a/.x.ocsctl-new"), Staging.stagedPath(target));
    assertEquals(tmp.resolve("a/.x.ocsctl-old"), Staging.backupPath(target));
  }

  private List<String> stepsOfAFullApply() throws IOException {
    Scenario s = new Scenario(tmp.resolve("dry-run"));
    Journal journal = Journal.begin(s.state, s.stage());
    CrashAt record = new CrashAt(-1);
    journal.setCrashPoint(record);
    journal.commitSwap();
    journal.finish();
    assertEquals(s.newTree, snapshot(s.root));
    return record.seen;
  }

  private static Map<String, String> withoutOwnTempFiles(Map<String, String> tree) {
    Map<String, String> kept = new TreeMap<>(tree);
    kept.keySet().removeIf(p -> p.endsWith(".ocsctl-new") || p.endsWith(".ocsctl-old"));
    return kept;
  }

  /** Every regular file under root: relative path to content (ISO-8859-1, so byte for byte). */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        tree.put(
            root.relativize(f).toString(),
            new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return tree;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
