package io.ocsctl.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The history commit an apply owes: where its managed files are, the message and the author. It
 * travels in the journal, so recovery that completes an apply can record it, and it is kept in
 * {@code history-pending.json} when the commit failed after the swap, so the next command retries
 * it instead of failing the apply that already changed the server.
 *
 * @param root the server's root; every other path lies below it
 * @param config ocserv.conf
 * @param passwd the ocpasswd file, if the server has one
 * @param perUserDir config-per-user, if set
 * @param perGroupDir config-per-group, if set
 * @param message the commit message
 * @param author the commit author
 */
public record PendingCommit(
    Path root,
    Path config,
    Optional<Path> passwd,
    Optional<Path> perUserDir,
    Optional<Path> perGroupDir,
    List<Path> vhostPasswd,
    String message,
    History.Author author) {

  private static final JsonMapper JSON = new JsonMapper();

  public PendingCommit {
    Path top = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    root = top;
    config = inside(top, config, "config");
    passwd = passwd.map(p -> inside(top, p, "passwd"));
    perUserDir = perUserDir.map(p -> inside(top, p, "perUserDir"));
    perGroupDir = perGroupDir.map(p -> inside(top, p, "perGroupDir"));
    vhostPasswd = vhostPasswd.stream().map(p -> inside(top, p, "vhostPasswd")).toList();
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(author, "author");
  }

  /** The same commit with {@code earlier}'s message first: one commit records both applies. */
  public PendingCommit after(PendingCommit earlier) {
    return new PendingCommit(
        root,
        config,
        passwd,
        perUserDir,
        perGroupDir,
        vhostPasswd,
        earlier.message() + "\n\n" + message,
        author);
  }

  private static Path inside(Path root, Path path, String what) {
    Path abs = Objects.requireNonNull(path, what).toAbsolutePath().normalize();
    if (!abs.startsWith(root) || abs.equals(root)) {
      throw new IllegalArgumentException(what + " " + abs + " is not below the root " + root);
    }
    return abs;
  }

  /** The file kept by a failed commit: {@code history-pending.json} in the state directory. */
  static Path file(StateDir dir) {
    return dir.path().resolve("history-pending.json");
  }

  /** Whether a failed commit is waiting to be retried. */
  public static boolean exists(StateDir dir) {
    return Files.exists(file(dir), LinkOption.NOFOLLOW_LINKS);
  }

  /** The commit a failed apply left to retry, if any. */
  public static Optional<PendingCommit> read(StateDir dir) throws IOException {
    Path file = file(dir);
    Optional<String> read = StateFiles.readPrivate(file);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    String text = read.get();
    try {
      return Optional.of(fromJson(JSON.readTree(text)));
    } catch (JacksonException | IllegalArgumentException | NullPointerException corrupt) {
      throw new IOException(
          file
              + " is not a pending history commit ocsctl can read ("
              + corrupt.getMessage()
              + "): delete it; the next apply records the whole tree anyway");
    }
  }

  /** Keeps this commit for the next command to retry (atomically, mode 0600). */
  public void save(StateDir dir) throws IOException {
    DurableFiles.replace(
        file(dir), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
  }

  /** Forgets the retry: the history is up to date. */
  public static void clear(StateDir dir) throws IOException {
    if (Files.exists(file(dir), LinkOption.NOFOLLOW_LINKS)) {
      DurableFiles.deleteDurably(file(dir));
    }
  }

  ObjectNode toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("root", root.toString());
    node.put("config", config.toString());
    passwd.ifPresent(p -> node.put("passwd", p.toString()));
    perUserDir.ifPresent(p -> node.put("perUserDir", p.toString()));
    perGroupDir.ifPresent(p -> node.put("perGroupDir", p.toString()));
    vhostPasswd.forEach(p -> node.withArray("vhostPasswd").add(p.toString()));
    node.put("message", message);
    node.put("authorName", author.name());
    node.put("authorEmail", author.email());
    return node;
  }

  static PendingCommit fromJson(JsonNode node) {
    return new PendingCommit(
        Path.of(required(node, "root")),
        Path.of(required(node, "config")),
        optional(node, "passwd"),
        optional(node, "perUserDir"),
        optional(node, "perGroupDir"),
        node.path("vhostPasswd").valueStream().map(v -> Path.of(v.asString())).toList(),
        required(node, "message"),
        new History.Author(required(node, "authorName"), required(node, "authorEmail")));
  }

  private static String required(JsonNode node, String field) {
    String value = node.path(field).stringValue(null);
    if (value == null) {
      throw new IllegalArgumentException("'" + field + "' is missing");
    }
    return value;
  }

  private static Optional<Path> optional(JsonNode node, String field) {
    return Optional.ofNullable(node.path(field).stringValue(null)).map(Path::of);
  }
}
