package io.ocsctl.engine.plan;

import io.ocsctl.providers.write.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plan saved by {@code plan -out FILE} for {@code apply FILE}: the exact file contents to write
 * (including new password hashes, which is why the file is always written with mode 0600), the
 * sha256 of every live file read and of the desired-state files, and where they were.
 */
public record SavedPlan(Path root, String configPath, Path desired, Plan plan) {
  public static final String KIND = "ocsctl-saved-plan";
  public static final int VERSION = 1;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Thrown when a saved plan cannot be read. */
  public static final class UnreadableException extends Exception {
    public UnreadableException(String message) {
      super(message);
    }
  }

  public void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", KIND);
    root.put("version", VERSION);
    root.put("warning", "contains password hashes: keep it private (mode 0600), delete it after apply");
    root.put("root", this.root.toAbsolutePath().normalize().toString());
    root.put("config", configPath);
    root.put("desired", desired.toAbsolutePath().normalize().toString());
    root.put("desired_fingerprint", plan.desiredFingerprint());
    ObjectNode live = root.putObject("live_fingerprints");
    plan.liveFingerprints().forEach((p, sha) -> live.put(p.toString(), sha));
    ArrayNode resources = root.putArray("resources");
    for (ResourceChange r : plan.resources()) {
      ObjectNode node = resources.addObject();
      node.put("kind", r.address().kind().label);
      node.put("name", r.address().name());
      node.put("action", r.action().name());
      ArrayNode attrs = node.putArray("attributes");
      for (AttributeChange a : r.attributes()) {
        ObjectNode attr = attrs.addObject();
        attr.put("name", a.name());
        attr.put("sensitive", a.sensitive());
        attr.put("list", a.list());
        a.before().forEach(attr.putArray("before")::add);
        a.after().forEach(attr.putArray("after")::add);
      }
      r.files().forEach(node.putArray("files")::add);
    }
    ArrayNode files = root.putArray("files");
    for (FileChange f : plan.files()) {
      ObjectNode node = files.addObject();
      node.put("path", f.path());
      node.put("target", f.target().toString());
      node.put("before", f.before());
      node.put("after", f.after());
      node.put("shown_before", f.shownBefore());
      node.put("shown_after", f.shownAfter());
      node.put("sensitive", f.sensitive());
      node.put("mode", f.mode() == null ? null : PosixFilePermissions.toString(f.mode()));
    }
    plan.notes().forEach(root.putArray("notes")::add);
    AtomicFiles.write(file, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }

  public static SavedPlan read(Path file) throws UnreadableException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new UnreadableException(file + ": no such plan file");
    } catch (IOException | JacksonException e) {
      throw new UnreadableException(file + ": not a saved ocsctl plan (" + e.getMessage() + ")");
    }
    if (!KIND.equals(root.path("kind").asString("")) || root.path("version").asInt(0) != VERSION) {
      throw new UnreadableException(file + ": not a saved ocsctl plan of version " + VERSION
          + "; make a new one with 'ocsctl plan -out " + file + "'");
    }
    Map<Path, String> live = new HashMap<>();
    root.path("live_fingerprints").properties().forEach(e -> live.put(Path.of(e.getKey()), e.getValue().asString()));
    List<ResourceChange> resources = new ArrayList<>();
    for (JsonNode node : root.path("resources")) {
      List<AttributeChange> attrs = new ArrayList<>();
      for (JsonNode a : node.path("attributes")) {
        attrs.add(new AttributeChange(a.path("name").asString(), strings(a.path("before")),
            strings(a.path("after")), a.path("sensitive").asBoolean(), a.path("list").asBoolean()));
      }
      String name = node.path("name").isNull() ? null : node.path("name").asString();
      String kind = node.path("kind").asString();
      Address.Kind k = Address.Kind.of(kind).orElseThrow(() -> new UnreadableException(file
          + ": unknown resource kind '" + kind + "'; make a new plan with 'ocsctl plan -out " + file + "'"));
      resources.add(new ResourceChange(new Address(k, name),
          Action.valueOf(node.path("action").asString()), attrs, strings(node.path("files"))));
    }
    List<FileChange> files = new ArrayList<>();
    for (JsonNode f : root.path("files")) {
      Set<PosixFilePermission> mode = f.path("mode").isNull() ? null : PosixFilePermissions.fromString(f.path("mode").asString());
      files.add(new FileChange(f.path("path").asString(), Path.of(f.path("target").asString()), text(f, "before"),
          text(f, "after"), text(f, "shown_before"), text(f, "shown_after"), f.path("sensitive").asBoolean(), mode));
    }
    Plan plan = new Plan(resources, files, live, root.path("desired_fingerprint").asString(), strings(root.path("notes")));
    return new SavedPlan(Path.of(root.path("root").asString()), root.path("config").asString(),
        Path.of(root.path("desired").asString()), plan);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asString();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
