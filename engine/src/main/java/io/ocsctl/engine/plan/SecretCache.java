package io.ocsctl.engine.plan;

import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers which clear-text secrets were already verified against which live crypt hash, so a plan
 * of 10,000 users does not re-run 10,000 SHA-512 crypt verifications. The cache never holds a
 * secret: an entry is {@code HMAC-SHA256(key, user, secret, crypt hash)} under a random 256-bit key
 * kept in the same file, which is mode 0600 in the private state directory. A file that others
 * could read, that another user owns or that is not a regular file is ignored and replaced.
 * docs/import.md explains why this is safe.
 */
public final class SecretCache {
  static final String FILE_NAME = "secret-cache";
  private static final String MAGIC = "# ocsctl secret cache v1";
  private static final Set<PosixFilePermission> OWNER_RW =
      PosixFilePermissions.fromString("rw-------");
  private static final byte[] DOMAIN = "ocsctl-secret-cache-v1".getBytes(StandardCharsets.UTF_8);

  private final Optional<Path> stateDir;
  private final byte[] key;
  private final Map<String, String> loaded;
  private final Map<String, String> current = new ConcurrentHashMap<>();
  private final boolean rewrite;

  private SecretCache(
      Optional<Path> stateDir, byte[] key, Map<String, String> loaded, boolean rewrite) {
    this.stateDir = stateDir;
    this.key = key;
    this.loaded = loaded;
    this.rewrite = rewrite;
  }

  /** A cache that lives only as long as this object: nothing is read or written. */
  public static SecretCache inMemory() {
    return new SecretCache(Optional.empty(), randomKey(), Map.of(), false);
  }

  /** The cache of a state directory; a missing, unreadable or unsafe file starts an empty one. */
  public static SecretCache in(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    Optional<Map<String, String>> entries = Optional.empty();
    byte[] key = null;
    try {
      if (isPrivate(file)) {
        Map<String, String> map = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] f = line.split("\t", -1);
          if (line.startsWith("#") || f.length != 2) {
            continue;
          }
          if (f[0].equals("key")) {
            key = Base64.getDecoder().decode(f[1]);
          } else {
            map.put(f[0], f[1]);
          }
        }
        entries = key != null && key.length == 32 ? Optional.of(map) : Optional.empty();
      }
    } catch (IOException | IllegalArgumentException e) {
      entries = Optional.empty();
    }
    if (entries.isEmpty()) {
      return new SecretCache(Optional.of(stateDir), randomKey(), Map.of(), true);
    }
    return new SecretCache(Optional.of(stateDir), key, entries.get(), false);
  }

  /** Whether {@code secret} of {@code user} was verified before against exactly {@code hash}. */
  public boolean verified(String user, String secret, String hash) {
    String known = loaded.get(user);
    if (known == null) {
      return false;
    }
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(known);
    } catch (IllegalArgumentException e) {
      return false; // a damaged line is a miss: the secret is verified against the hash again
    }
    if (MessageDigest.isEqual(expected, mac(user, secret, hash))) {
      current.put(user, known);
      return true;
    }
    return false;
  }

  /** Records that {@code hash} is the crypt of {@code secret} (verified or freshly made). */
  public void remember(String user, String secret, String hash) {
    if (user.indexOf('\t') < 0 && user.indexOf('\n') < 0 && !user.equals("key")) {
      current.put(user, Base64.getEncoder().encodeToString(mac(user, secret, hash)));
    }
  }

  /**
   * Writes the entries of this run (users not seen are dropped) when they differ from the file,
   * atomically and with mode 0600, creating the state directory (0700) if needed. Returns a problem
   * to report, if the cache could not be written; planning goes on without it.
   */
  public Optional<String> save() {
    boolean same = new TreeMap<>(current).equals(loaded);
    if (stateDir.isEmpty() || (rewrite ? current.isEmpty() : same)) {
      return Optional.empty();
    }
    Path dir = stateDir.get();
    StringBuilder text =
        new StringBuilder(MAGIC)
            .append(
                "\n# Fingerprints HMAC-SHA256(key, user, password, crypt hash) of verified passwords; no"
                    + " password is stored.\n# Safe to delete: the next plan verifies against ocpasswd again.\n");
    text.append("key\t").append(Base64.getEncoder().encodeToString(key)).append('\n');
    new TreeMap<>(current)
        .forEach((user, mac) -> text.append(user).append('\t').append(mac).append('\n'));
    Path tmp = null;
    try {
      StateDir.at(dir);
      tmp =
          Files.createTempFile(
              dir, "." + FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_RW));
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        out.force(true);
      }
      try {
        Files.move(
            tmp,
            dir.resolve(FILE_NAME),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
      }
      return Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temp file is a dot file, which nothing reads; the next save replaces the cache
        }
      }
      return Optional.of("cannot write the secret cache in " + dir + ": " + e.getMessage());
    }
  }

  private byte[] mac(String user, String secret, String hash) {
    return hmac(key, DOMAIN, user, secret, hash);
  }

  /**
   * HMAC-SHA256 under {@code key} of {@code domain} (what the value is for, so that no two uses of
   * a key can be confused) and each part prefixed with its length (so parts cannot run together).
   */
  public static byte[] hmac(byte[] key, byte[] domain, String... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(domain);
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
    }
  }

  /** A regular file, not a link, owned by us and readable by nobody else. */
  private static boolean isPrivate(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    PosixFileAttributes attrs =
        Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!OWNER_RW.containsAll(attrs.permissions())) {
      return false;
    }
    try {
      var me =
          FileSystems.getDefault()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(System.getProperty("user.name"));
      return attrs.owner().equals(me);
    } catch (IOException | UnsupportedOperationException e) {
      return true;
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
