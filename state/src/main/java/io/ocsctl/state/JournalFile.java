package io.ocsctl.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and durably writes {@code journal.json}: a version, a state and the list of renames. */
final class JournalFile {

  static final int VERSION = 1;
  private static final int RESERVE_MARGIN = 64 * 1024;
  private static final JsonMapper JSON = new JsonMapper();

  record Content(String state, List<Journal.Entry> entries, Optional<PendingCommit> commit) {}

  private JournalFile() {}

  /**
   * Replaces the journal atomically (temp file, fsync, rename, fsync of the directory). The first
   * {@code prepared} write also reserves the room later writes need ({@code journal.reserve}): each
   * later write frees that reserve first, so a disk that fills up during the swap cannot stop the
   * journal from saying {@code swapped} or the rollback from being journalled.
   */
  static void write(
      Path file, String state, List<Journal.Entry> entries, Optional<PendingCommit> commit)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("state", state);
    commit.ifPresent(c -> root.set("commit", c.toJson()));
    ArrayNode list = root.putArray("entries");
    for (Journal.Entry e : entries) {
      ObjectNode node = list.addObject();
      node.put("target", e.target().toString());
      putPath(node, "staged", e.staged());
      putPath(node, "backup", e.backup());
      node.put("delete", e.delete());
    }
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    Path reserve = reserve(file);
    boolean reserved = Files.deleteIfExists(reserve);
    DurableFiles.replace(file, bytes);
    if (state.equals(Journal.PREPARED) && !reserved) {
      DurableFiles.reserve(reserve, bytes.length + RESERVE_MARGIN); // fails before any rename
    } else if (reserved && !state.equals(Journal.ROLLED_BACK)) {
      try {
        DurableFiles.reserve(reserve, bytes.length + RESERVE_MARGIN);
      } catch (IOException full) {
        // best effort: this write succeeded, and the next one may still find room
      }
    }
  }

  /** Deletes the journal and its reserve, durably. */
  static void delete(Path file) throws IOException {
    Files.deleteIfExists(reserve(file));
    DurableFiles.deleteDurably(file);
  }

  static Path reserve(Path file) {
    return file.resolveSibling("journal.reserve");
  }

  /**
   * Reads the journal, trusting it only when the user running ocsctl owns it and nobody else can
   * write it, and every path in it is one ocsctl itself would have journalled: an absolute target
   * (below the apply's root when the journal names one) with its own staged and backup names.
   */
  static Optional<Content> read(Path file) throws IOException {
    Optional<String> read = StateFiles.readPrivate(file);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    String text = read.get();
    try {
      JsonNode root = JSON.readTree(text);
      if (root.path("version").asInt(0) != VERSION) {
        throw unreadable(file, "unknown version " + root.path("version"));
      }
      Optional<PendingCommit> commit =
          root.has("commit")
              ? Optional.of(PendingCommit.fromJson(root.path("commit")))
              : Optional.empty();
      List<Journal.Entry> entries = new ArrayList<>();
      for (JsonNode node : root.path("entries")) {
        entries.add(entry(node, commit));
      }
      return Optional.of(
          new Content(root.path("state").stringValue(""), List.copyOf(entries), commit));
    } catch (JacksonException | IllegalArgumentException | NullPointerException corrupt) {
      throw unreadable(file, corrupt.getMessage());
    }
  }

  private static Journal.Entry entry(JsonNode node, Optional<PendingCommit> commit) {
    String text = node.path("target").stringValue("");
    Path target = Path.of(text);
    if (!target.isAbsolute() || !target.normalize().equals(target)) {
      throw new IllegalArgumentException(
          "target '" + text + "' is not an absolute, normalized path");
    }
    if (commit.isPresent() && !target.startsWith(commit.get().root())) {
      throw new IllegalArgumentException(
          "target " + target + " is outside the root " + commit.get().root());
    }
    Path staged = path(node, "staged");
    Path backup = path(node, "backup");
    if (staged != null && !staged.equals(Staging.stagedPath(target))) {
      throw new IllegalArgumentException(
          "staged file " + staged + " is not " + Staging.stagedPath(target));
    }
    if (backup != null && !backup.equals(Staging.backupPath(target))) {
      throw new IllegalArgumentException(
          "backup " + backup + " is not " + Staging.backupPath(target));
    }
    return new Journal.Entry(target, staged, backup, node.path("delete").asBoolean(false));
  }

  private static IOException unreadable(Path file, String why) {
    return new IOException(
        file
            + " is not a journal this ocsctl can read ("
            + why
            + "): compare the '.NAME.ocsctl-new' and '.NAME.ocsctl-old' files beside the managed"
            + " files with them, restore by hand, then delete it");
  }

  private static void putPath(ObjectNode node, String field, Path value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value.toString());
    }
  }

  private static Path path(JsonNode node, String field) {
    String value = node.path(field).stringValue(null);
    return value == null ? null : Path.of(value);
  }
}
