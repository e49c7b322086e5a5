package io.ocsctl.schema.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schema-valid trees of desired-state files, keyed by the sha256 of the file's bytes and of the
 * schema and option catalogue that validated them. Parsing a 10,000-user file costs a second (YAML)
 * or more (HCL); a cron or CI job planning an unchanged file reads the tree from here as JSON
 * instead. Entries live in the state directory (owner-only), are written atomically, and are
 * ignored when unreadable, not owned by us, or readable by others.
 */
public final class ParseCache {
  /** A cache that never hits: {@code validate} and tests without a state directory. */
  public static final ParseCache NONE = new ParseCache(null);

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String VERSION = rulesFingerprint();
  private final Path dir;

  private ParseCache(Path dir) {
    this.dir = dir;
  }

  public static ParseCache in(Path stateDir) {
    return new ParseCache(stateDir.resolve("parse-cache"));
  }

  /**
   * The cache key of a file whose bytes hash to {@code sha256}, under the current schema and
   * catalogue.
   */
  static String key(String sha256) {
    return sha256 + "-" + VERSION;
  }

  Optional<ObjectNode> get(String key) {
    if (dir == null) {
      return Optional.empty();
    }
    Path file = dir.resolve(key + ".json");
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || !Files.getOwner(file).equals(Files.getOwner(dir))
          || Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
        return Optional.empty();
      }
      JsonNode tree = JSON.readTree(Files.readAllBytes(file));
      return tree instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    } catch (IOException | JacksonException e) {
      return Optional.empty();
    }
  }

  /** Stores a schema-valid tree; a failure to store only costs the next run a parse. */
  void put(String key, ObjectNode tree) {
    if (dir == null) {
      return;
    }
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path tmp =
          Files.createTempFile(
              dir,
              ".entry",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, JSON.writeValueAsBytes(tree), StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(
          tmp,
          dir.resolve(key + ".json"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      prune(key);
    } catch (IOException | JacksonException e) {
      // the cache is an optimisation: planning goes on without it
    }
  }

  /** Keeps the cache small: entries not used for a day are removed when a new one is stored. */
  private void prune(String keep) throws IOException {
    long cutoff = System.currentTimeMillis() - 24L * 3600 * 1000;
    try (var entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        if (!p.getFileName().toString().startsWith(keep)
            && Files.getLastModifiedTime(p).toMillis() < cutoff) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String rulesFingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String resource :
          List.of(SchemaCheck.SCHEMA_RESOURCE, "/io/ocsctl/schema/ocserv-options.tsv")) {
        try (InputStream in = ParseCache.class.getResourceAsStream(resource)) {
          digest.update(in.readAllBytes());
        }
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (IOException | NoSuchAlgorithmException | NullPointerException e) {
      return "unversioned";
    }
  }
}
