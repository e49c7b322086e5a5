package io.ocsctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19 item 9: the history (it holds password hashes) is owner-only through and through, and
 * JGit starts no child process that would inherit ocsctl's environment and its secrets.
 */
class HistoryPrivacyTest {
  @TempDir Path tmp;

  static void commitTwice(Path stateDir) throws Exception {
    try (History h = History.open(StateDir.at(stateDir))) {
      History.Author a = new History.Author("t", "t@example.com");
      h.commit(
          Map.of("etc/ocserv/ocpasswd", "alice:*:$6$s$h\n".getBytes(StandardCharsets.UTF_8)),
          "one",
          a);
      h.commit(
          Map.of("etc/ocserv/ocpasswd", "alice:*:$6$s$i\n".getBytes(StandardCharsets.UTF_8)),
          "two",
          a);
    }
  }

  @Test
  void everyFileOfTheHistoryIsOwnerOnly() throws Exception {
    commitTwice(tmp.resolve("state"));
    try (Stream<Path> all = Files.walk(tmp.resolve("state"))) {
      for (Path p : all.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertEquals("------", mode.substring(3), p + " is " + mode);
      }
    }
  }

  /** Run in a child JVM whose PATH finds a fake git and sh that record being called. */
  public static void main(String[] args) throws Exception {
    History.resolveAuthor(
        null); // as apply does first: the user's git configuration decides the author
    commitTwice(Path.of(args[0]));
  }

  @Test
  void jgitRunsNoGitAndNoShellWithTheSecrets() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path log = tmp.resolve("called.log");
    for (String name : List.of("git", "sh")) {
      Path fake = bin.resolve(name);
      Files.writeString(
          fake,
          "#!/bin/dash\necho \"" + name + " $* ALICE_PW=$ALICE_PW\" >> " + log + "\nexit 1\n");
      Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    }
    ProcessBuilder child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HistoryPrivacyTest.class.getName(),
                tmp.resolve("state").toString())
            .redirectErrorStream(true);
    child.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    child.environment().put("ALICE_PW", "Summer2024!Hunter2");
    Process p = child.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertTrue(!Files.exists(log), () -> "JGit ran a child with the secrets: " + read(log));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
