package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan with passwords from the environment: an unchanged password shows no change, a changed one
 * shows as (sensitive), and the secret cache lands in the state directory, never in the output.
 */
class PasswdSecretCacheTest {
  @TempDir Path tmp;

  @Test
  void envPasswordsPlanWithoutChangesAndCacheInTheStateDir() throws Exception {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("etc/ocserv"));
    Files.writeString(
        root.resolve("etc/ocserv/ocserv.conf"), "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n");
    Files.writeString(
        root.resolve("etc/ocserv/ocpasswd"),
        "alice:*:" + Sha2Crypt.sha512Crypt("alice-secret".getBytes(StandardCharsets.UTF_8)) + "\n");
    Path desired = tmp.resolve("desired.hcl");
    Files.writeString(
        desired,
        """
        server {
          settings = { "auth" = "plain[passwd=/etc/ocserv/ocpasswd]" }
        }
        user "alice" {
          password = { env = "ALICE_PW" }
        }
        """);
    Path state = tmp.resolve("state");
    for (int run = 0; run < 2; run++) {
      Cli.Run plan =
          Cli.runWith(
              Map.of("ALICE_PW", "alice-secret"),
              "",
              "plan",
              "-f",
              desired.toString(),
              "--root",
              root.toString(),
              "--state-dir",
              state.toString(),
              "-detailed-exitcode");
      assertEquals(0, plan.exitCode(), plan.out() + plan.err());
      assertTrue(plan.out().startsWith("No changes."), plan.out());
    }
    Path cache = state.resolve("secret-cache");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
    assertFalse(Files.readString(cache).contains("alice-secret"));
    assertFalse(Files.exists(root.resolve("var")), "--state-dir was not honoured");

    Cli.Run changed =
        Cli.runWith(
            Map.of("ALICE_PW", "new-secret"),
            "",
            "plan",
            "-f",
            desired.toString(),
            "--root",
            root.toString(),
            "--state-dir",
            state.toString(),
            "-detailed-exitcode");
    assertEquals(2, changed.exitCode(), changed.out() + changed.err());
    assertTrue(
        changed.out().contains("user[\"alice\"]") && changed.out().contains("(sensitive"),
        changed.out());
    assertFalse(
        changed.out().contains("new-secret") || changed.out().contains("$6$"), changed.out());
  }
}
