package io.ocsctl.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

  private static final History.Author JANE = new History.Author("Jane Doe", "jane@example.com");

  @TempDir Path tmp;

  @Test
  void aNewHistoryIsEmptyAndPrivate() throws Exception {
    StateDir dir = StateDir.at(tmp.resolve("state"));
    try (History history = History.open(dir)) {
      assertTrue(history.isEmpty());
      assertTrue(history.head().isEmpty());
      assertEquals(List.of(), history.log(10));
      assertEquals("rwx------", mode(dir.historyDir()));
      assertTrue(Files.isDirectory(dir.historyDir().resolve(".git")));
    }
  }

  @Test
  void aCommitKilledAfterWritingTheWorkTreeIsCompleteWhenRetried() throws Exception {
    StateDir dir = StateDir.at(tmp.resolve("state"));
    Map<String, byte[]> before = files("etc/ocserv/ocpasswd", "alice:*:$6$a$b\n");
    Map<String, byte[]> after = files("etc/ocserv/ocpasswd", "alice:*:$6$a$b\nbob:*:$6$c$d\n");
    try (History history = History.open(dir)) {
      history.commit(before, "first", JANE);
      // the killed commit wrote the work tree, then died before staging it
      HistoryTree.writeFile(
          dir.historyDir(), "etc/ocserv/ocpasswd", after.get("etc/ocserv/ocpasswd"));
      Files.writeString(dir.historyDir().resolve(".git/index.lock"), "");
      assertEquals(
          List.of(dir.historyDir().resolve(".git/index.lock")), History.clearStaleLocks(dir));
      String retried = history.commit(after, "second", JANE);
      assertArrayEquals(
          after.get("etc/ocserv/ocpasswd"), history.filesAt(retried).get("etc/ocserv/ocpasswd"));
      assertTrue(history.headRecords(after, "second"));
      assertFalse(history.headRecords(before, "second"));
    }
  }

  @Test
  void commitsLogAndReadsBackEveryRevision() throws Exception {
    StateDir dir = StateDir.at(tmp.resolve("state"));
    Map<String, byte[]> before =
        files(
            "etc/ocserv/ocserv.conf", "tcp-port = 443\r\n",
            "etc/ocserv/ocpasswd", "alice:*:$6$salt$hash\n");
    Map<String, byte[]> after =
        files(
            "etc/ocserv/ocserv.conf", "tcp-port = 14443\r\n",
            "etc/ocserv/config-per-user/bob", "\u0000\u00ffroute\n");
    String first;
    String second;
    try (History history = History.open(dir)) {
      first = history.commit(before, "Initial state before ocsctl", JANE);
      second = history.commit(after, "Plan: 1 to add, 1 to change, 1 to destroy.\n\nmore", JANE);
      assertEquals(second, history.head().orElseThrow());
      assertFalse(history.isEmpty());
    }

    Path work = dir.historyDir();
    assertFalse(Files.exists(work.resolve("etc/ocserv/ocpasswd")), "removed from the work tree");
    assertEquals("rw-------", mode(work.resolve("etc/ocserv/ocserv.conf")));

    try (History history = History.open(dir)) {
      assertEquals(second, history.head().orElseThrow());
      List<History.Revision> log = history.log(10);
      assertEquals(2, log.size());
      assertEquals(second, log.get(0).id());
      assertEquals(second.substring(0, 7), log.get(0).shortId());
      assertEquals("Plan: 1 to add, 1 to change, 1 to destroy.\n\nmore", log.get(0).message());
      assertEquals("Jane Doe <jane@example.com>", log.get(0).author());
      assertEquals("Initial state before ocsctl", log.get(1).message());
      assertFalse(log.get(0).time().isBefore(log.get(1).time()));
      assertEquals(1, history.log(1).size());

      assertSameFiles(after, history.filesAt("HEAD"));
      assertSameFiles(after, history.filesAt(second));
      assertSameFiles(before, history.filesAt("HEAD~1"));
      assertSameFiles(before, history.filesAt(first.substring(0, 8)));
      IllegalArgumentException unknown =
          assertThrows(IllegalArgumentException.class, () -> history.filesAt("HEAD~5"));
      assertTrue(unknown.getMessage().contains("ocsctl history"), unknown.getMessage());
    }
  }

  @Test
  void pushesToABareRemoteAndReportsARefusedPush() throws Exception {
    Path remote = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    StateDir dir = StateDir.at(tmp.resolve("state"));
    try (History history = History.open(dir)) {
      history.commit(files("etc/a", "1\n"), "one", JANE);
      history.push(remote.toString());
      assertEquals(history.head().orElseThrow(), remoteHead(remote));

      history.commit(files("etc/a", "2\n"), "two", JANE);
      history.push(remote.toUri().toString());
      assertEquals(history.head().orElseThrow(), remoteHead(remote));
    }

    try (History other = History.open(StateDir.at(tmp.resolve("other")))) {
      other.commit(files("etc/b", "x\n"), "unrelated", JANE);
      IOException refused = assertThrows(IOException.class, () -> other.push(remote.toString()));
      assertTrue(refused.getMessage().contains("was refused"), refused.getMessage());
    }
  }

  @Test
  void pushingAnEmptyHistoryIsAnError() throws Exception {
    try (History history = History.open(StateDir.at(tmp.resolve("state")))) {
      assertThrows(IOException.class, () -> history.push(tmp.resolve("r.git").toString()));
    }
  }

  @Test
  void rejectsPathsOutsideTheTree() throws Exception {
    try (History history = History.open(StateDir.at(tmp.resolve("state")))) {
      for (String bad : List.of("../x", "/etc/passwd", ".git/config", "a/../b", "a//b", "")) {
        assertThrows(
            IllegalArgumentException.class, () -> history.commit(files(bad, "x"), "m", JANE), bad);
      }
      assertTrue(history.isEmpty());
    }
  }

  @Test
  void resolvesTheAuthorFromTheFirstSourceThatHasOne() {
    Config empty = new Config();
    Config git = new Config();
    git.setString("user", null, "name", "Config User");
    git.setString("user", null, "email", "config@example.com");
    Map<String, String> env =
        Map.of("GIT_AUTHOR_NAME", "Env User", "GIT_AUTHOR_EMAIL", "env@example.com");

    assertEquals(JANE, AuthorResolver.resolve("Jane Doe <jane@example.com>", env, git, "h"));
    assertEquals(
        new History.Author("Env User", "env@example.com"),
        AuthorResolver.resolve(null, env, git, "h"));
    assertEquals(
        new History.Author("Config User", "config@example.com"),
        AuthorResolver.resolve("", Map.of(), git, "h"));
    assertEquals(
        new History.Author("ocsctl", "ocsctl@vpn1"),
        AuthorResolver.resolve(null, Map.of(), empty, "vpn1"));
    assertEquals(
        "ocsctl <ocsctl@vpn1>", AuthorResolver.resolve(null, Map.of(), empty, "vpn1").toString());
    assertThrows(IllegalArgumentException.class, () -> History.resolveAuthor("just a name"));
    assertFalse(History.resolveAuthor(null).name().isBlank());
  }

  private static String remoteHead(Path bare) throws IOException {
    try (Git git = Git.open(bare.toFile())) {
      return git.getRepository().resolve("refs/heads/main").getName();
    }
  }

  private static Map<String, byte[]> files(String... pathsAndContents) {
    Map<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.ISO_8859_1));
    }
    return files;
  }

  private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
