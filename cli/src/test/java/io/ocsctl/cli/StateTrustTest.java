package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory is not trusted blindly (issue 19, items 3 and 4): no link leads out of it,
 * its owner and mode are checked, and the journal's paths are confined; each reproduction of the
 * issue, which wrote or deleted a file outside the root before.
 */
class StateTrustTest {
  @TempDir Path tmp;
  Path root;
  Path outside;

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("root");
    Trees.copy(FaultsTest.SCENARIO.resolve("live"), root);
    outside = Files.createDirectories(tmp.resolve("outside"));
  }

  Cli.Run apply() {
    return Cli.run("apply", "-f", FaultsTest.DESIRED, "--root", root.toString(), "-auto-approve");
  }

  Cli.Run plan() {
    return Cli.run("plan", "-f", FaultsTest.DESIRED, "--root", root.toString());
  }

  @Test
  void aStateDirectoryReachedThroughASymlinkIsRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("var"), outside);
    Cli.Run run = apply();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.err().contains("symbolic link"), run.err());
    assertTrue(run.err().contains("nothing") || run.err().contains("fix:"), run.err());
    try (var files = Files.list(outside)) {
      assertEquals(0, files.count(), "nothing may be written through the link");
    }
  }

  @Test
  void aSymlinkInTheHistoryNeverCarriesOcpasswdOutside() throws Exception {
    assertEquals(0, apply().exitCode());
    Path victim = Files.writeString(outside.resolve("victim"), "precious\n");
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
    Path inHistory = root.resolve("var/lib/ocsctl/history/etc/ocserv/ocpasswd");
    Files.delete(inHistory);
    Files.createSymbolicLink(inHistory, victim);
    Files.writeString(
        root.resolve("etc/ocserv/ocpasswd"),
        "mallory:*:$6$x$y\n",
        java.nio.file.StandardOpenOption.APPEND);
    Cli.Run run = apply();
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("is a symbolic link"), run.err());
    assertEquals("precious\n", Files.readString(victim));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)));
  }

  @Test
  void aStateDirectoryOpenToOthersIsRefusedWithTheFix() throws Exception {
    assertEquals(0, apply().exitCode());
    Path state = root.resolve("var/lib/ocsctl");
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(root.resolve("etc/ocserv/config-per-group/ops"), "route = 10.99.0.0/16\n");
    Cli.Run run = apply();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.err().contains("fix: chmod 700 " + state), run.err());
    assertEquals(
        "route = 10.99.0.0/16\n",
        Files.readString(root.resolve("etc/ocserv/config-per-group/ops")));
  }

  @Test
  void aJournalWrittenByAnotherUserIsNotObeyed() throws Exception {
    assertEquals(0, apply().exitCode());
    Path victim = Files.writeString(outside.resolve("victim"), "precious\n");
    Path journal = root.resolve("var/lib/ocsctl/journal.json");
    Files.writeString(journal, swappedJournal(outside.resolve("x"), outside.resolve("victim")));
    Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-------"));
    UserPrincipal nobody;
    try {
      nobody =
          journal.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(journal, nobody);
    } catch (IOException notRoot) {
      Assumptions.assumeTrue(false, "chown needs root and a user 'nobody': " + notRoot);
    }
    Cli.Run run = plan();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.err().contains("is owned by nobody"), run.err());
    assertTrue(run.err().contains("fix: check it, then chown "), run.err());
    assertEquals("precious\n", Files.readString(victim));
  }

  @Test
  void aJournalWhosePathsLeaveTheRootIsRefused() throws Exception {
    assertEquals(0, apply().exitCode());
    Path victim = Files.writeString(outside.resolve("victim"), "precious\n");
    Path journal = root.resolve("var/lib/ocsctl/journal.json");
    Files.writeString(journal, swappedJournal(outside.resolve("x"), victim));
    Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-------"));
    Cli.Run run = plan();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.err().contains("is not a journal this ocsctl can read"), run.err());
    assertEquals("precious\n", Files.readString(victim));
  }

  @Test
  void aMalformedJournalIsAnErrorWithAFixNeverANullPointer() throws Exception {
    assertEquals(0, apply().exitCode());
    Path journal = root.resolve("var/lib/ocsctl/journal.json");
    for (String text :
        new String[] {
          "{\"version\":1,\"state\":\"swapped\",\"entries\":[{}]}",
          "{\"version\":1,\"state\":\"swapped\",\"entries\":[{\"target\":null}]}",
          "{",
          "[]",
          "{\"version\":1,\"state\":\"swapped\",\"entries\":[{\"target\":\"/x\",\"staged\":\"/y\"}]}"
        }) {
      Files.writeString(journal, text);
      Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-------"));
      Cli.Run run = plan();
      assertEquals(1, run.exitCode(), text + ": " + run.out());
      assertTrue(run.err().contains(journal.toString()), text + ": " + run.err());
      assertTrue(run.err().contains("restore by hand, then delete it"), text + ": " + run.err());
      assertFalse(run.err().contains("null"), text + ": " + run.err());
    }
  }

  /** A "swapped" journal that would delete {@code backup} as the backup of {@code target}. */
  static String swappedJournal(Path target, Path backup) {
    return "{\"version\":1,\"state\":\"swapped\",\"entries\":[{\"target\":\""
        + target
        + "\",\"staged\":null,\"backup\":\""
        + backup
        + "\",\"delete\":true}]}";
  }
}
