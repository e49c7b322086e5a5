package io.ocsctl.engine.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.Workflow;
import io.ocsctl.schema.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans of many users whose passwords come from the environment: the first plan verifies every
 * secret against ocpasswd (in parallel), the second finds them all in the secret cache. Neither
 * shows a change. {@code -Docsctl.scale=10000} also runs the measurement at that size.
 */
class SecretCacheScaleTest {
  @TempDir Path tmp;

  @Test
  void twoThousandEnvSecretsAreFastOnTheSecondPlan(TestReporter reporter) throws Exception {
    measure(2_000, reporter);
  }

  @Test
  @EnabledIfSystemProperty(named = "ocsctl.scale", matches = "\\d+")
  void atTheRequestedScale(TestReporter reporter) throws Exception {
    measure(Integer.parseInt(System.getProperty("ocsctl.scale")), reporter);
  }

  private void measure(int users, TestReporter reporter) throws Exception {
    Path root = tmp.resolve("root");
    Path etc = Files.createDirectories(root.resolve("etc/ocserv"));
    Files.writeString(
        etc.resolve("ocserv.conf"),
        "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\ntcp-port = 443\n");
    Files.writeString(
        etc.resolve("ocpasswd"),
        IntStream.range(0, users)
            .parallel()
            .mapToObj(
                i ->
                    "user"
                        + i
                        + ":*:"
                        + Sha2Crypt.sha512Crypt(("pw-" + i).getBytes(StandardCharsets.UTF_8))
                        + "\n")
            .collect(Collectors.joining()));
    // YAML: hcl4j's parser, not the secrets, dominates an HCL plan of thousands of users
    StringBuilder desired =
        new StringBuilder(
            "server:\n  settings:\n"
                + "    auth: \"plain[passwd=/etc/ocserv/ocpasswd]\"\n    tcp-port: 443\nuser:\n");
    Map<String, String> env = new HashMap<>();
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (int i = 0; i < users; i++) {
      desired
          .append("  user")
          .append(i)
          .append(":\n    password: { env: PW_")
          .append(i)
          .append(" }\n");
      env.put("PW_" + i, "pw-" + i);
      secrets.put("user" + i, new Secret.FromEnv("PW_" + i));
    }
    Path file = tmp.resolve("desired.yaml");
    Files.writeString(file, desired);
    Workflow.Target target = new Workflow.Target(file, root, "/etc/ocserv/ocserv.conf", env, null);
    // as on a server an apply has run on: the state directory is private (mode 0700)
    Files.createDirectories(Workflow.defaultStateDir(root));
    Files.setPosixFilePermissions(
        Workflow.defaultStateDir(root),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

    long start = System.nanoTime();
    Plan cold = Workflow.plan(target).plan();
    long coldMs = (System.nanoTime() - start) / 1_000_000;
    assertFalse(
        cold.hasChanges(), "an unchanged secret must never show a change: " + cold.summary());
    assertTrue(Files.exists(Workflow.defaultStateDir(root).resolve(SecretCache.FILE_NAME)));

    start = System.nanoTime();
    Plan warm = Workflow.plan(target).plan();
    long warmMs = (System.nanoTime() - start) / 1_000_000;
    assertFalse(warm.hasChanges(), warm.summary());

    Map<String, String> live = new HashMap<>();
    for (String line : Files.readAllLines(etc.resolve("ocpasswd"))) {
      live.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(":*:") + 3));
    }
    Path cacheDir = tmp.resolve("hash-all-state");
    start = System.nanoTime();
    new Passwords(tmp, env, SecretCache.in(cacheDir)).hashAll(secrets, live);
    long coldHashMs = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    Map<String, String> hashes =
        new Passwords(tmp, env, SecretCache.in(cacheDir)).hashAll(secrets, live);
    long warmHashMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(hashes.equals(live), "every unchanged secret keeps its live hash");

    reporter.publishEntry("users", Integer.toString(users));
    reporter.publishEntry("cold plan ms", Long.toString(coldMs));
    reporter.publishEntry("warm plan ms", Long.toString(warmMs));
    Files.writeString(
        Path.of("target/secret-cache-scale.txt"),
        String.format(
            "%d users, %d cores: plan cold %d ms,"
                + " warm %d ms; hashAll cold %d ms, warm %d ms%n",
            users,
            Runtime.getRuntime().availableProcessors(),
            coldMs,
            warmMs,
            coldHashMs,
            warmHashMs),
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    // a warm plan does no crypt at all; loading and diffing dominate
    assertTrue(
        warmMs * 3 < coldMs,
        "warm plan " + warmMs + " ms is not much faster than cold " + coldMs + " ms");
    assertTrue(
        warmHashMs * 10 < coldHashMs,
        "warm hashAll " + warmHashMs + " ms, cold " + coldHashMs + " ms");
  }
}
