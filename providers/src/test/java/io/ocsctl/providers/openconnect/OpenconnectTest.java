package io.ocsctl.providers.openconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's process handling against a stand-in openconnect (a shell script that behaves as
 * openconnect 9.01 does with {@code --script-tun}): the password reaches stdin and never the
 * arguments, the recorded environment comes back, a refused login and a hung client are reported,
 * and the temporary directory is gone afterwards.
 */
class OpenconnectTest {
  @TempDir Path dir;

  private Openconnect client(String body) throws Exception {
    Path program = dir.resolve("openconnect");
    Files.writeString(
        program,
        "#!/bin/sh\n"
            + "echo \"$@\" > "
            + dir
            + "/argv\n"
            + "for a in \"$@\"; do case \"$a\" in --script=*) script=${a#--script=} ;; esac; done\n"
            + "read -r pw\n"
            + body,
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    return Openconnect.at(program);
  }

  private static VpnLogin.Request request(Duration timeout) {
    return new VpnLogin.Request(
        "https://127.0.0.1:4443", "canary", "s3cret pw", "pin-sha256:x", timeout);
  }

  @Test
  void theRecordedEnvironmentComesBack() throws Exception {
    Openconnect c =
        client(
            "[ \"$pw\" = 's3cret pw' ] || { echo 'Login failed.'; exit 1; }\n"
                + "echo 'Configured as 10.99.0.9'\n"
                + "INTERNAL_IP4_ADDRESS=10.99.0.9 INTERNAL_IP4_DNS='10.10.0.53' CISCO_SPLIT_INC=1"
                + " CISCO_SPLIT_INC_0_ADDR=10.10.0.0 CISCO_SPLIT_INC_0_MASKLEN=16"
                + " CISCO_BANNER='line one\nline two' VPNFD=9 \"$script\"\n"
                + "echo 'Unrecoverable I/O error; exiting.'; exit 1\n");
    VpnLogin.Result r = c.login(request(Duration.ofSeconds(10)));
    assertTrue(r.connected(), r.toString());
    assertFalse(r.timedOut());
    assertEquals(
        Map.of(
            "INTERNAL_IP4_ADDRESS", "10.99.0.9",
            "INTERNAL_IP4_DNS", "10.10.0.53",
            "CISCO_SPLIT_INC", "1",
            "CISCO_SPLIT_INC_0_ADDR", "10.10.0.0",
            "CISCO_SPLIT_INC_0_MASKLEN", "16"),
        r.pushed());
    String argv = Files.readString(dir.resolve("argv"));
    assertFalse(argv.contains("s3cret"), argv);
    assertTrue(
        argv.startsWith(
            "--non-inter --passwd-on-stdin --user=canary --servercert=pin-sha256:x --script="),
        argv);
    assertTrue(argv.strip().endsWith("--script-tun https://127.0.0.1:4443"), argv);
    assertTrue(r.latency().compareTo(Duration.ofSeconds(10)) < 0);
    try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertFalse(
          left.anyMatch(
              p ->
                  p.getFileName().toString().startsWith("ocsctl-canary-")
                      && argv.contains(p.toString())),
          "the temporary directory is deleted");
    }
  }

  @Test
  void aRefusedLoginIsReportedWithTheClientsLastLines() throws Exception {
    VpnLogin.Result r =
        client("echo 'Login failed.'; echo 'Failed to complete authentication'; exit 1\n")
            .login(request(Duration.ofSeconds(10)));
    assertFalse(r.connected());
    assertFalse(r.timedOut());
    assertEquals(
        java.util.List.of("Login failed.", "Failed to complete authentication"), r.output());
  }

  @Test
  void aHungClientIsStoppedAtTheTimeout() throws Exception {
    long start = System.nanoTime();
    VpnLogin.Result r = client("exec sleep 60\n").login(request(Duration.ofMillis(500)));
    assertFalse(r.connected());
    assertTrue(r.timedOut());
    assertTrue(
        Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0,
        "stopped by its pid, not waited for");
  }

  @Test
  void theProgramComesFromTheVariableOrThePath() throws Exception {
    assertEquals(
        java.util.Optional.empty(),
        Openconnect.program(Map.of(Openconnect.PROGRAM_ENV, dir.resolve("none").toString())));
    Path p = client("exit 0\n").program();
    assertEquals(
        java.util.Optional.of(p),
        Openconnect.program(Map.of(Openconnect.PROGRAM_ENV, p.toString())));
  }
}
