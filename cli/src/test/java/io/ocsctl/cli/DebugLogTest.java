package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.Binaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code OCSCTL_LOG=debug}: a log of phases, timings, files read and commands run, to stderr or
 * {@code OCSCTL_LOG_PATH} — and never a secret, whether from the environment, a password file or a
 * hash written to ocpasswd.
 */
class DebugLogTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");
  static final String ENV_SECRET = "Env-Secret-Carol-7731";
  static final String FILE_SECRET = "File-Secret-Alice-9924";

  @TempDir Path tmp;

  @Test
  void aRunWithSecretsLogsItsWorkAndNoSecret() throws Exception {
    Path root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    Path config = tmp.resolve("config");
    Files.createDirectories(config);
    Files.writeString(config.resolve("alice.pw"), FILE_SECRET + "\n");
    Files.setPosixFilePermissions(
        config.resolve("alice.pw"), PosixFilePermissions.fromString("rw-------"));
    String text =
        Files.readString(SCENARIO.resolve("desired.hcl"))
            .replaceFirst(
                "(user \"carol\" \\{\\s*groups\\s*=\\s*\\[\"contractors\"\\]\\s*)password_hash\\s*=\\s*\"[^\"]*\"",
                "$1password = { env = \"CAROL_PW\" }")
            .replaceFirst(
                "(user \"alice\" \\{\\s*groups\\s*=\\s*\\[\"engineering\"\\]\\s*)password_hash\\s*=\\s*\"[^\"]*\"",
                "$1password = { file = \"alice.pw\" }");
    assertTrue(text.contains("CAROL_PW") && text.contains("alice.pw"), text);
    Path desired = config.resolve("desired.hcl");
    Files.writeString(desired, text);
    Path log = tmp.resolve("debug.log");
    Map<String, String> env = new HashMap<>();
    env.put("CAROL_PW", ENV_SECRET);
    env.put("OCSCTL_LOG", "debug");
    env.put("OCSCTL_LOG_PATH", log.toString());
    String[] tree = {"-f", desired.toString(), "--root", root.toString()};
    Cli.Run plan = Cli.runWith(env, "", concat(new String[] {"plan"}, tree));
    assertEquals(0, plan.exitCode(), plan.err());
    Cli.Run apply =
        Cli.runWith(
            env, "", concat(new String[] {"apply", "-auto-approve", "-allow-mass-destroy"}, tree));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertFalse(apply.err().contains("[DEBUG]"), "with OCSCTL_LOG_PATH the log is not on stderr");

    String logged = Files.readString(log);
    assertEquals(
        Set.of(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(log));
    for (String expected :
        new String[] {
          "[DEBUG] cli: ocsctl ",
          "[DEBUG] desired: load ",
          "[DEBUG] desired: read 1 file(s): [" + desired,
          "[DEBUG] live: read the tree under " + root,
          "/etc/ocserv/ocpasswd",
          "[DEBUG] plan: compute the plan took ",
          "[DEBUG] plan: Plan: ",
          "[DEBUG] apply: take the lock in ",
          "[DEBUG] apply: stage, swap, server actions, history took ",
          "[DEBUG] cli: exit 0 after "
        }) {
      assertTrue(logged.contains(expected), expected + " in\n" + logged);
    }
    if (Binaries.find("ocserv").isPresent()) {
      assertTrue(logged.contains("[DEBUG] run: ") && logged.contains(" -t "), logged);
    }
    for (String secret : new String[] {ENV_SECRET, FILE_SECRET}) {
      assertFalse(logged.contains(secret), "a clear-text password is in the log");
    }
    Secrets.assertNoneIn(root.resolve("etc/ocserv"), logged); // the hashes apply wrote
    assertTrue(Secrets.hashesIn(root.resolve("etc/ocserv")).size() > 4, "hashes were checked");
    Secrets.assertNoneIn(SCENARIO, logged);

    // without OCSCTL_LOG_PATH the log goes to stderr; without OCSCTL_LOG there is none
    env.remove("OCSCTL_LOG_PATH");
    Cli.Run stderr = Cli.runWith(env, "", concat(new String[] {"plan"}, tree));
    assertTrue(stderr.err().contains("[DEBUG] plan: compute the plan"), stderr.err());
    assertFalse(stderr.out().contains("[DEBUG]"));
    assertFalse(stderr.err().contains(ENV_SECRET));
    env.remove("OCSCTL_LOG");
    assertFalse(
        Cli.runWith(env, "", concat(new String[] {"plan"}, tree)).err().contains("[DEBUG]"));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
