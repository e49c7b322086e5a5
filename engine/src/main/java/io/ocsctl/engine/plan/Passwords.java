package io.ocsctl.engine.plan;

import io.ocsctl.schema.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Turns users' secrets into the crypt strings for ocpasswd. A clear-text secret keeps the live hash
 * when it still matches (checked with the hash's own salt), so an unchanged secret never shows as a
 * change; otherwise it is hashed with SHA-512 crypt. Verifying costs a full crypt per user, so
 * {@link #hashAll} runs in parallel and a {@link SecretCache} remembers what was verified.
 */
public final class Passwords {
  private final Path baseDir;
  private final Map<String, String> env;
  private final SecretCache cache;
  private final Map<String, String> reviewed;
  private volatile Optional<String> cacheProblem = Optional.empty();
  private final Map<String, String> sourcesRead = new java.util.concurrent.ConcurrentHashMap<>();

  /** Secrets without a persistent cache: every clear-text secret is verified again. */
  public Passwords(Path baseDir, Map<String, String> env) {
    this(baseDir, env, SecretCache.inMemory());
  }

  /**
   * Secrets files relative to {@code baseDir}, variables from {@code env}, verified pairs in {@code
   * cache}.
   */
  public Passwords(Path baseDir, Map<String, String> env, SecretCache cache) {
    this(baseDir, env, cache, Map.of());
  }

  private Passwords(
      Path baseDir, Map<String, String> env, SecretCache cache, Map<String, String> reviewed) {
    this.baseDir = baseDir;
    this.env = env;
    this.cache = cache;
    this.reviewed = Map.copyOf(reviewed);
  }

  /**
   * These secrets, keeping a user's hash from a reviewed saved plan instead of a fresh salt when it
   * is a SHA-512 crypt of the user's own secret (what a fresh hash would be): apply of a saved plan
   * then writes the reviewed bytes, and a hash that is not the secret's is never written.
   */
  public Passwords reusing(Map<String, String> reviewedHashes) {
    return new Passwords(baseDir, env, cache, reviewedHashes);
  }

  /** Thrown when a secret reference cannot be read; the message names the user and the source. */
  public static final class SecretUnavailableException extends Exception {
    public SecretUnavailableException(String message) {
      super(message);
    }
  }

  /**
   * The crypt string of every user in {@code secrets}, in its order, computed in parallel; a user
   * whose secret matches its entry in {@code liveHashes} keeps that hash. The cache is saved
   * afterwards (best effort: see {@link #cacheProblem()}). A secret that cannot be read fails the
   * whole batch with the first such user, in {@code secrets} order.
   */
  public Map<String, String> hashAll(Map<String, Secret> secrets, Map<String, String> liveHashes)
      throws SecretUnavailableException {
    List<String> users = new ArrayList<>(secrets.keySet());
    String[] hashes = new String[users.size()];
    SecretUnavailableException[] failures = new SecretUnavailableException[users.size()];
    IntStream.range(0, users.size())
        .parallel()
        .forEach(
            i -> {
              String user = users.get(i);
              try {
                hashes[i] =
                    hashFor(user, secrets.get(user), Optional.ofNullable(liveHashes.get(user)));
              } catch (SecretUnavailableException e) {
                failures[i] = e;
              }
            });
    for (SecretUnavailableException failure : failures) {
      if (failure != null) {
        throw failure;
      }
    }
    if (secrets.values().stream().anyMatch(s -> !(s instanceof Secret.Hash))) {
      cacheProblem = cache.save();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < hashes.length; i++) {
      out.put(users.get(i), hashes[i]);
    }
    return out;
  }

  /** Why the secret cache could not be written by the last {@link #hashAll}, if it could not. */
  public Optional<String> cacheProblem() {
    return cacheProblem;
  }

  /** The crypt string of one user's secret; see {@link #hashAll}. Thread-safe. */
  public String hashFor(String user, Secret secret, Optional<String> liveHash)
      throws SecretUnavailableException {
    if (secret instanceof Secret.Hash hash) {
      return hash.crypt();
    }
    String clear = clearText(user, secret);
    if (liveHash.isPresent()) {
      if (cache.verified(user, clear, liveHash.get())) {
        return liveHash.get();
      }
      if (matches(clear, liveHash.get())) {
        cache.remember(user, clear, liveHash.get());
        return liveHash.get();
      }
    }
    String candidate = reviewed.get(user);
    if (candidate != null && candidate.startsWith("$6$") && matches(clear, candidate)) {
      cache.remember(user, clear, candidate);
      return candidate;
    }
    String fresh = Sha2Crypt.sha512Crypt(clear.getBytes(StandardCharsets.UTF_8));
    cache.remember(user, clear, fresh);
    return fresh;
  }

  private String clearText(String user, Secret secret) throws SecretUnavailableException {
    String source = source(secret);
    Optional<String> value;
    try {
      value = currentSource(source, baseDir, env);
    } catch (IOException e) {
      throw new SecretUnavailableException(
          "cannot read the password file of user \"" + user + "\": " + source.substring(5));
    }
    if (value.isEmpty()) {
      throw new SecretUnavailableException(
          secret instanceof Secret.FromEnv fromEnv
              ? "the password of user \""
                  + user
                  + "\" comes from the environment variable "
                  + fromEnv.variable()
                  + ", which is not set"
              : "the password file of user \"" + user + "\" is empty: " + source.substring(5));
    }
    sourcesRead.put(source, value.get());
    return value.get();
  }

  /** {@code env:NAME} or {@code file:/absolute/path}: where a clear-text secret comes from. */
  private String source(Secret secret) {
    return secret instanceof Secret.FromEnv fromEnv
        ? "env:" + fromEnv.variable()
        : "file:" + baseDir.resolve(((Secret.FromFile) secret).path()).toAbsolutePath().normalize();
  }

  /**
   * The clear text of every secret source read so far, by {@link #source}: for fingerprinting under
   * a key (the drift stamp), never for printing.
   */
  public Map<String, String> sourcesRead() {
    return Map.copyOf(sourcesRead);
  }

  /**
   * What a source holds now: the variable's value or the file's first line; empty when the variable
   * is unset or empty or the file's first line is empty.
   */
  public static Optional<String> currentSource(String source, Path baseDir, Map<String, String> env)
      throws IOException {
    if (source.startsWith("env:")) {
      String value = env.get(source.substring(4));
      return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
    String text = Files.readString(baseDir.resolve(source.substring(5)), StandardCharsets.UTF_8);
    String first = text.lines().findFirst().orElse("");
    return first.isEmpty() ? Optional.empty() : Optional.of(first);
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
