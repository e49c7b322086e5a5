package io.ocsctl.engine.plan;

import io.ocsctl.schema.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Turns a user's secret into the crypt string for ocpasswd. A clear-text secret keeps the live
 * hash when it still matches (checked with the hash's own salt), so an unchanged secret never
 * shows as a change; otherwise it is hashed with SHA-512 crypt.
 */
public final class Passwords {
  private final Path baseDir;
  private final Map<String, String> env;

  public Passwords(Path baseDir, Map<String, String> env) {
    this.baseDir = baseDir;
    this.env = env;
  }

  /** Thrown when a secret reference cannot be read; the message names the user and the source. */
  public static final class SecretUnavailableException extends Exception {
    public SecretUnavailableException(String message) {
      super(message);
    }
  }

  public String hashFor(String user, Secret secret, Optional<String> liveHash)
      throws SecretUnavailableException {
    if (secret instanceof Secret.Hash hash) {
      return hash.crypt();
    }
    String clear = clearText(user, secret);
    if (liveHash.isPresent() && matches(clear, liveHash.get())) {
      return liveHash.get();
    }
    return Sha2Crypt.sha512Crypt(clear.getBytes(StandardCharsets.UTF_8));
  }

  private String clearText(String user, Secret secret) throws SecretUnavailableException {
    if (secret instanceof Secret.FromEnv fromEnv) {
      String value = env.get(fromEnv.variable());
      if (value == null || value.isEmpty()) {
        throw new SecretUnavailableException("the password of user \"" + user
            + "\" comes from the environment variable " + fromEnv.variable() + ", which is not set");
      }
      return value;
    }
    Path file = baseDir.resolve(((Secret.FromFile) secret).path());
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String first = text.lines().findFirst().orElse("");
      if (first.isEmpty()) {
        throw new SecretUnavailableException("the password file of user \"" + user + "\" is empty: " + file);
      }
      return first;
    } catch (IOException e) {
      throw new SecretUnavailableException("cannot read the password file of user \"" + user + "\": " + file);
    }
  }

  /** Whether {@code clear} is the password of {@code crypt} (SHA-512, SHA-256 and MD5 crypt). */
  public static boolean matches(String clear, String crypt) {
    byte[] key = clear.getBytes(StandardCharsets.UTF_8);
    try {
      if (crypt.startsWith("$6$")) {
        return Sha2Crypt.sha512Crypt(key, crypt).equals(crypt);
      }
      if (crypt.startsWith("$5$")) {
        return Sha2Crypt.sha256Crypt(key, crypt).equals(crypt);
      }
      if (crypt.startsWith("$1$")) {
        return Md5Crypt.md5Crypt(key, crypt).equals(crypt);
      }
    } catch (IllegalArgumentException e) {
      return false;
    }
    return false;
  }
}
