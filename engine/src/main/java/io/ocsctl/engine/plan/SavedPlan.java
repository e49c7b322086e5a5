package io.ocsctl.engine.plan;

import io.ocsctl.providers.Fingerprint;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.passwd.PasswdFile;
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
import java.util.Optional;
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
 *
 * <p>Its content is never trusted: apply plans again from the desired state and the live tree and
 * executes that recomputed plan only when it is this one, target for target and byte for byte
 * ({@link #refusal}); the only input taken from the file is a reviewed password hash, and only when
 * it is the hash of the user's own secret (docs/security.md says why not a signature).
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

  /**
   * Why apply refuses this plan: {@code stale} when the tree or the desired state changed since.
   */
  public record Refusal(boolean stale, String reason) {}

  /**
   * Why {@code recomputed} (planned again now, from the desired state and the live tree, with
   * {@link #reviewedHashes}) is not exactly this plan, if it is not. Never names a secret.
   */
  public Optional<Refusal> refusal(Plan recomputed) {
    Optional<String> stale = staleness(plan, recomputed);
    if (stale.isPresent()) {
      return Optional.of(new Refusal(true, stale.get()));
    }
    return PlanComparison.firstDifference(plan, recomputed).map(d -> new Refusal(false, d));
  }

  /**
   * Why this plan was made for another server tree than {@code root} and {@code config}, if it was:
   * apply takes them from its command line, never from the plan file.
   */
  public Optional<String> otherTree(Path root, String config) {
    Path mine = this.root.toAbsolutePath().normalize();
    if (!mine.equals(root.toAbsolutePath().normalize()) || !configPath.equals(config)) {
      return Optional.of(
          "it was made for --root "
              + mine
              + " --config "
              + configPath
              + ", not --root "
              + root.toAbsolutePath().normalize()
              + " --config "
              + config);
    }
    return Optional.empty();
  }

  /**
   * The hash of every user in the reviewed ocpasswd content: planning again would give a new user
   * with a clear-text secret a new salt, so apply keeps the reviewed hash when it is the hash of
   * that secret ({@link Passwords#reusing}); a hash that is not is planned anew, and differs.
   */
  public Map<String, String> reviewedHashes() {
    Map<String, String> out = new HashMap<>();
    for (FileChange f : plan.files()) {
      if (f.sensitive() && f.after() != null) {
        try {
          PasswdFile.parse(f.path(), f.after())
              .entries()
              .forEach((user, e) -> out.put(user, e.hash()));
        } catch (MalformedFileException e) {
          // not an ocpasswd text: nothing to reuse, and the comparison refuses the plan
        }
      }
    }
    return out;
  }

  /** Why a saved plan no longer matches what is on disk, if it does not. */
  static Optional<String> staleness(Plan saved, Plan now) {
    if (!saved.desiredFingerprint().equals(now.desiredFingerprint())) {
      return Optional.of("the desired-state file changed since the plan was made");
    }
    for (var e : saved.liveFingerprints().entrySet()) {
      Fingerprint current = now.liveFingerprints().get(e.getKey());
      if (!e.getValue().equals(current)) {
        return Optional.of(e.getKey() + " changed since the plan was made");
      }
    }
    if (!saved.liveFingerprints().keySet().equals(now.liveFingerprints().keySet())) {
      return Optional.of("the set of managed files changed since the plan was made");
    }
    return Optional.empty();
  }

  public void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", KIND);
    root.put("version", VERSION);
    root.put(
        "warning", "contains password hashes: keep it private (mode 0600), delete it after apply");
    root.put("root", this.root.toAbsolutePath().normalize().toString());
    root.put("config", configPath);
    root.put("desired", desired.toAbsolutePath().normalize().toString());
    root.put("desired_fingerprint", plan.desiredFingerprint());
    ObjectNode live = root.putObject("live_fingerprints");
    plan.liveFingerprints().forEach((p, sha) -> live.put(p.toString(), sha.text()));
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
        attr.put("why", a.why());
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
    if (!plan.targets().all()) {
      // apply PLANFILE plans again with the same -target addresses
      plan.targets().addresses().forEach(a -> root.withArray("targets").add(a.toString()));
    }
    AtomicFiles.write(
        file,
        (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }

  public static SavedPlan read(Path file) throws UnreadableException {
    try {
      return parse(file);
    } catch (RuntimeException e) {
      throw new UnreadableException(
          file
              + ": not a saved ocsctl plan ("
              + e.getMessage()
              + "); make a new one with 'ocsctl plan -out "
              + file
              + "'");
    }
  }

  private static SavedPlan parse(Path file) throws UnreadableException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new UnreadableException(file + ": no such plan file");
    } catch (IOException | JacksonException e) {
      throw new UnreadableException(file + ": not a saved ocsctl plan (" + e.getMessage() + ")");
    }
    if (!KIND.equals(root.path("kind").asString("")) || root.path("version").asInt(0) != VERSION) {
      throw new UnreadableException(
          file
              + ": not a saved ocsctl plan of version "
              + VERSION
              + "; make a new one with 'ocsctl plan -out "
              + file
              + "'");
    }
    Map<Path, Fingerprint> live = new HashMap<>();
    root.path("live_fingerprints")
        .properties()
        .forEach(e -> live.put(Path.of(e.getKey()), Fingerprint.of(e.getValue().asString())));
    List<ResourceChange> resources = new ArrayList<>();
    for (JsonNode node : root.path("resources")) {
      List<AttributeChange> attrs = new ArrayList<>();
      for (JsonNode a : node.path("attributes")) {
        attrs.add(
            new AttributeChange(
                a.path("name").asString(),
                strings(a.path("before")),
                strings(a.path("after")),
                a.path("sensitive").asBoolean(),
                a.path("list").asBoolean(),
                a.path("why").asString("")));
      }
      String name = node.path("name").isNull() ? null : node.path("name").asString();
      String kind = node.path("kind").asString();
      Address.Kind k =
          Address.Kind.of(kind)
              .orElseThrow(
                  () ->
                      new UnreadableException(
                          file
                              + ": unknown resource kind '"
                              + kind
                              + "'; make a new plan with 'ocsctl plan -out "
                              + file
                              + "'"));
      resources.add(
          new ResourceChange(
              new Address(k, name),
              Action.valueOf(node.path("action").asString()),
              attrs,
              strings(node.path("files"))));
    }
    List<FileChange> files = new ArrayList<>();
    for (JsonNode f : root.path("files")) {
      Set<PosixFilePermission> mode =
          f.path("mode").isNull()
              ? null
              : PosixFilePermissions.fromString(f.path("mode").asString());
      files.add(
          new FileChange(
              f.path("path").asString(),
              Path.of(f.path("target").asString()),
              text(f, "before"),
              text(f, "after"),
              text(f, "shown_before"),
              text(f, "shown_after"),
              f.path("sensitive").asBoolean(),
              mode));
    }
    Plan plan =
        new Plan(
            resources,
            files,
            live,
            root.path("desired_fingerprint").asString(),
            strings(root.path("notes")));
    try {
      plan = plan.targeted(Targets.of(strings(root.path("targets"))));
    } catch (io.ocsctl.schema.InvalidInputException e) {
      throw new UnreadableException(
          file
              + ": a target it records is not an address; make a new plan with 'ocsctl plan -out "
              + file
              + "'");
    }
    return new SavedPlan(
        Path.of(root.path("root").asString()),
        root.path("config").asString(),
        Path.of(root.path("desired").asString()),
        plan);
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
