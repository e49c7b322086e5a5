package io.ocsctl.providers.passwd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.Binaries;
import io.ocsctl.providers.MalformedFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte compatibility with the real {@code ocpasswd}: what it writes, ocsctl reads and re-renders
 * identically; what ocsctl writes, it edits as if it had written it itself.
 */
class OcpasswdCompatibilityTest {
  @TempDir Path tmp;
  Path ocpasswd;
  Path file;

  @BeforeEach
  void setUp() {
    ocpasswd = Binaries.require("ocpasswd");
    file = tmp.resolve("ocpasswd");
  }

  @Test
  void everyFileOcpasswdWritesParsesAndRendersByteIdentically() throws Exception {
    ocpasswd("secret one\n", "alice");
    assertRoundTrip(List.of("alice"));
    ocpasswd("pw2\n", "-g", "engineering,ops", "bob");
    ocpasswd("pw3\n", "-g", "ops", "carol");
    assertRoundTrip(List.of("alice", "bob", "carol"));
    assertEquals(List.of("engineering", "ops"), parse().get("bob").groups());
    assertEquals(List.of(), parse().get("alice").groups());

    ocpasswd("", "-l", "alice");
    assertRoundTrip(List.of("alice", "bob", "carol"));
    assertTrue(parse().get("alice").locked());
    assertFalse(parse().get("bob").locked());

    ocpasswd("", "-l", "alice"); // locking twice changes nothing
    assertTrue(Files.readString(file).contains("alice:*:!$"));
    assertFalse(Files.readString(file).contains("!!"));

    ocpasswd("", "-u", "alice");
    assertRoundTrip(List.of("alice", "bob", "carol"));
    assertFalse(parse().get("alice").locked());

    ocpasswd("", "-d", "bob");
    assertRoundTrip(List.of("alice", "carol"));
    assertNull(parse().get("bob"));

    ocpasswd(
        "new password\n", "carol"); // a new password without -g drops the groups, as ocpasswd does
    assertRoundTrip(List.of("alice", "carol"));
    assertEquals(List.of(), parse().get("carol").groups());
  }

  @Test
  void hashesOcpasswdWritesVerifyWithTheirPasswords() throws Exception {
    ocpasswd("correct horse\n", "-g", "eng", "dave");
    PasswdEntry dave = parse().get("dave");
    assertTrue(dave.hash().startsWith("$5$") || dave.hash().startsWith("$6$"), dave.toString());
    String crypt =
        dave.hash().startsWith("$5$")
            ? Sha2Crypt.sha256Crypt("correct horse".getBytes(StandardCharsets.UTF_8), dave.hash())
            : Sha2Crypt.sha512Crypt("correct horse".getBytes(StandardCharsets.UTF_8), dave.hash());
    assertEquals(dave.hash(), crypt);
  }

  @Test
  void ocpasswdEditsAFileOcsctlWroteAsItsOwn() throws Exception {
    PasswdEntry alice = new PasswdEntry("alice", List.of("engineering"), hash("a"), false);
    PasswdEntry bob = new PasswdEntry("bob", List.of(), hash("b"), true);
    PasswdEntry carol = new PasswdEntry("carol", List.of("engineering", "ops"), hash("c"), false);
    write(new PasswdFile(List.of(alice, bob, carol)));

    ocpasswd("", "-l", "alice");
    assertEquals(render(lock(alice, true), bob, carol), Files.readString(file));

    ocpasswd("", "-u", "bob");
    assertEquals(render(lock(alice, true), lock(bob, false), carol), Files.readString(file));

    ocpasswd("", "-u", "alice");
    ocpasswd("", "-d", "carol");
    assertEquals(render(alice, lock(bob, false)), Files.readString(file));

    ocpasswd("pw\n", "-g", "ops", "erin");
    PasswdFile after = parse();
    assertEquals(List.of("alice", "bob", "erin"), new ArrayList<>(after.entries().keySet()));
    assertEquals(render(alice, lock(bob, false), after.get("erin")), Files.readString(file));
    assertEquals(List.of("ops"), after.get("erin").groups());
  }

  @Test
  void ocsctlRendersWhatOcpasswdWouldForTheSameEdits() throws Exception {
    ocpasswd("x\n", "-g", "a,b", "u1");
    ocpasswd("y\n", "u2");
    PasswdFile ours = parse();
    // ocsctl locks u2 the way ocpasswd -l does
    PasswdFile locked = new PasswdFile(List.of(ours.get("u1"), lock(ours.get("u2"), true)));
    ocpasswd("", "-l", "u2");
    assertEquals(Files.readString(file), locked.render());
  }

  private void assertRoundTrip(List<String> users) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    PasswdFile parsed = PasswdFile.parse("ocpasswd", text);
    assertEquals(users, new ArrayList<>(parsed.entries().keySet()));
    assertEquals(text, parsed.render(), "re-rendered file differs from what ocpasswd wrote");
    assertEquals(parsed.entries(), PasswdFile.parse("again", parsed.render()).entries());
  }

  private PasswdFile parse() throws IOException, MalformedFileException {
    return PasswdFile.parse("ocpasswd", Files.readString(file, StandardCharsets.UTF_8));
  }

  private void write(PasswdFile passwd) throws IOException {
    Files.writeString(file, passwd.render());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private static String render(PasswdEntry... entries) {
    return new PasswdFile(List.of(entries)).render();
  }

  private static PasswdEntry lock(PasswdEntry e, boolean locked) {
    return new PasswdEntry(e.user(), e.groups(), e.hash(), locked);
  }

  private static String hash(String password) {
    return Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs ocpasswd on the file; a password is typed twice, as the tool asks for it. */
  private void ocpasswd(String password, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ocpasswd.toString(), "-c", file.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write((password + password).getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ocpasswd did not finish");
    assertEquals(0, p.exitValue(), "ocpasswd " + String.join(" ", args) + ": " + output);
  }
}
