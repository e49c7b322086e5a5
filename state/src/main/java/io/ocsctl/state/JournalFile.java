package io.ocsctl.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
  private static final JsonMapper JSON = new JsonMapper();

  record Content(String state, List<Journal.Entry> entries) {}

  private JournalFile() {}

  /** Replaces the journal atomically (temp file, fsync, rename, fsync of the directory). */
  static void write(Path file, String state, List<Journal.Entry> entries) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("state", state);
    ArrayNode list = root.putArray("entries");
    for (Journal.Entry e : entries) {
      ObjectNode node = list.addObject();
      node.put("target", e.target().toString());
      putPath(node, "staged", e.staged());
      putPath(node, "backup", e.backup());
      node.put("delete", e.delete());
    }
    DurableFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  static Optional<Content> read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(text);
      if (root.path("version").asInt(0) != VERSION) {
        throw unreadable(file, "unknown version " + root.path("version"));
      }
      List<Journal.Entry> entries = new ArrayList<>();
      for (JsonNode node : root.path("entries")) {
        entries.add(
            new Journal.Entry(
                Path.of(node.path("target").stringValue("")),
                path(node, "staged"),
                path(node, "backup"),
                node.path("delete").asBoolean(false)));
      }
      return Optional.of(new Content(root.path("state").stringValue(""), List.copyOf(entries)));
    } catch (JacksonException | IllegalArgumentException | NullPointerException corrupt) {
      throw unreadable(file, corrupt.getMessage());
    }
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
