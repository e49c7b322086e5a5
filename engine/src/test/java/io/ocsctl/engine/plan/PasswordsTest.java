package io.ocsctl.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordsTest {
  @TempDir Path tmp;

  private static String sha512(String clear) {
    return Sha2Crypt.sha512Crypt(clear.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unchangedSecretsKeepTheLiveHashChangedOnesGetANewOne() throws Exception {
    Files.writeString(tmp.resolve("carol.pw"), "carol's secret\nsecond line is ignored\n");
    String aliceHash = sha512("alice-pw");
    String bobHash = Sha2Crypt.sha256Crypt("bob-pw".getBytes(StandardCharsets.UTF_8));
    String carolHash = Md5Crypt.md5Crypt("carol's secret".getBytes(StandardCharsets.UTF_8));
    Map<String, Secret> secrets = new LinkedHashMap<>();
    secrets.put("alice", new Secret.FromEnv("ALICE_PW"));
    secrets.put("bob", new Secret.FromEnv("BOB_PW"));
    secrets.put("carol", new Secret.FromFile("carol.pw"));
    secrets.put("dave", new Secret.Hash("$6$given$hash"));
    secrets.put("erin", new Secret.FromEnv("ERIN_PW"));
    Passwords passwords =
        new Passwords(
            tmp, Map.of("ALICE_PW", "alice-pw", "BOB_PW", "bob-changed", "ERIN_PW", "new"));

    Map<String, String> hashes =
        passwords.hashAll(
            secrets,
            Map.of("alice", aliceHash, "bob", bobHash, "carol", carolHash, "dave", "$6$old$old"));

    assertEquals(
        java.util.List.of("alice", "bob", "carol", "dave", "erin"),
        java.util.List.copyOf(hashes.keySet()));
    assertEquals(aliceHash, hashes.get("alice"));
    assertEquals(carolHash, hashes.get("carol"));
    assertEquals("$6$given$hash", hashes.get("dave"));
    assertNotEquals(bobHash, hashes.get("bob"));
    assertTrue(hashes.get("bob").startsWith("$6$"));
    assertTrue(Passwords.matches("bob-changed", hashes.get("bob")));
    assertTrue(Passwords.matches("new", hashes.get("erin")));
  }

  @Test
  void aMissingSecretNamesTheFirstUserInOrder() {
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      secrets.put("user" + i, new Secret.FromEnv(i == 17 || i == 33 ? "UNSET_" + i : "SET"));
    }
    Passwords passwords = new Passwords(tmp, Map.of("SET", "x"));
    var e =
        assertThrows(
            Passwords.SecretUnavailableException.class, () -> passwords.hashAll(secrets, Map.of()));
    assertTrue(
        e.getMessage().contains("\"user17\"") && e.getMessage().contains("UNSET_17"),
        e.getMessage());
    var file =
        assertThrows(
            Passwords.SecretUnavailableException.class,
            () -> passwords.hashAll(Map.of("zed", new Secret.FromFile("missing.pw")), Map.of()));
    assertTrue(
        file.getMessage().contains("\"zed\"") && file.getMessage().contains("missing.pw"),
        file.getMessage());
  }

  @Test
  void theCacheHoldsNeitherSecretsNorHashesAndIsPrivate() throws Exception {
    Path state = tmp.resolve("state");
    String hash = sha512("hunter2-secret");
    Map<String, Secret> secrets = Map.of("alice", new Secret.FromEnv("PW"));
    new Passwords(tmp, Map.of("PW", "hunter2-secret"), SecretCache.in(state))
        .hashAll(secrets, Map.of("alice", hash));

    Path file = state.resolve(SecretCache.FILE_NAME);
    String text = Files.readString(file);
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.contains(hash.substring(3, 12)), "the cache must not hold the hash");
    assertFalse(
        text.contains(hash.substring(hash.lastIndexOf('$') + 1, hash.lastIndexOf('$') + 12)));
    assertTrue(text.contains("\nalice\t"), text);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
    assertEquals(
        0, Files.list(state).filter(p -> p.getFileName().toString().endsWith(".tmp")).count());

    SecretCache again = SecretCache.in(state);
    assertTrue(again.verified("alice", "hunter2-secret", hash));
    assertFalse(again.verified("alice", "hunter3-secret", hash), "another secret");
    assertFalse(
        again.verified("alice", "hunter2-secret", sha512("hunter2-secret")), "another live hash");
    assertFalse(again.verified("bob", "hunter2-secret", hash), "another user");
  }

  @Test
  void aCacheFileOthersCanReadIsIgnoredAndReplaced() throws Exception {
    Path state = tmp.resolve("state");
    String hash = sha512("pw");
    Map<String, Secret> secrets = Map.of("alice", new Secret.FromEnv("PW"));
    new Passwords(tmp, Map.of("PW", "pw"), SecretCache.in(state))
        .hashAll(secrets, Map.of("alice", hash));
    Path file = state.resolve(SecretCache.FILE_NAME);
    String before = Files.readString(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertFalse(SecretCache.in(state).verified("alice", "pw", hash));
    new Passwords(tmp, Map.of("PW", "pw"), SecretCache.in(state))
        .hashAll(secrets, Map.of("alice", hash));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertNotEquals(before, Files.readString(file), "a fresh key replaces the exposed one");
    assertTrue(SecretCache.in(state).verified("alice", "pw", hash));
  }

  @Test
  void aForgedOrStaleEntryIsVerifiedAgainstTheRealHash() throws Exception {
    Path state = tmp.resolve("state");
    String oldHash = sha512("old");
    Map<String, Secret> secrets = Map.of("alice", new Secret.FromEnv("PW"));
    new Passwords(tmp, Map.of("PW", "old"), SecretCache.in(state))
        .hashAll(secrets, Map.of("alice", oldHash));
    // the password changed on the server (ocpasswd by hand): the old entry must not vouch for it
    String newHash = sha512("other");
    Map<String, String> hashes =
        new Passwords(tmp, Map.of("PW", "old"), SecretCache.in(state))
            .hashAll(secrets, Map.of("alice", newHash));
    assertNotEquals(newHash, hashes.get("alice"));
    assertTrue(Passwords.matches("old", hashes.get("alice")));
  }

  @Test
  void aDamagedCacheIsAMissNotAnError() throws Exception {
    Path state = Files.createDirectories(tmp.resolve("state"));
    Files.setPosixFilePermissions(
        state, PosixFilePermissions.fromString("rwx------")); // a state dir is private
    Path file = state.resolve(SecretCache.FILE_NAME);
    Files.writeString(
        file,
        "# ocsctl secret cache v1\nkey\t" + "A".repeat(43) + "=\nalice\t!!not base64!!\nbob\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    String hash = sha512("pw");
    Map<String, String> hashes =
        new Passwords(tmp, Map.of("PW", "pw"), SecretCache.in(state))
            .hashAll(Map.of("alice", new Secret.FromEnv("PW")), Map.of("alice", hash));
    assertEquals(hash, hashes.get("alice"));
    assertTrue(SecretCache.in(state).verified("alice", "pw", hash), "rewritten with a good entry");
  }

  @Test
  void aFreshHashIsRememberedSoThePlanAfterApplyIsWarm() throws Exception {
    Path state = tmp.resolve("state");
    Map<String, Secret> secrets = Map.of("alice", new Secret.FromEnv("PW"));
    String made =
        new Passwords(tmp, Map.of("PW", "pw"), SecretCache.in(state))
            .hashAll(secrets, Map.of())
            .get("alice");
    assertTrue(SecretCache.in(state).verified("alice", "pw", made));
  }

  @Test
  void anUnwritableStateDirIsReportedNotFatal() throws Exception {
    Path blocker = tmp.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    Passwords passwords =
        new Passwords(tmp, Map.of("PW", "pw"), SecretCache.in(blocker.resolve("state")));
    String hash = sha512("pw");
    Map<String, String> hashes =
        passwords.hashAll(Map.of("alice", new Secret.FromEnv("PW")), Map.of("alice", hash));
    assertEquals(hash, hashes.get("alice"));
    assertTrue(passwords.cacheProblem().isPresent());
  }
}
