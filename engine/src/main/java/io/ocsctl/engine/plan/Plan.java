package io.ocsctl.engine.plan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one value {@code plan} renders and {@code apply} executes: resource changes, the file writes
 * that realise them, and fingerprints of everything read so a stale plan can be refused.
 */
public record Plan(
    List<ResourceChange> resources,
    List<FileChange> files,
    Map<Path, String> liveFingerprints,
    String desiredFingerprint,
    List<String> notes) {
  public Plan {
    resources = List.copyOf(resources);
    files = List.copyOf(files);
    liveFingerprints = Collections.unmodifiableMap(new TreeMap<>(liveFingerprints));
    notes = List.copyOf(notes);
  }

  public boolean hasChanges() {
    return !resources.isEmpty() || !files.isEmpty();
  }

  /**
   * What apply does to the running server besides writing files: one reload or restart for all
   * configuration changes, and a disconnect of each removed or locked user.
   */
  public List<String> sideEffects() {
    List<String> out = new java.util.ArrayList<>();
    boolean restart = false;
    boolean reload = false;
    for (ResourceChange r : resources) {
      List<String> effects = LiveEffects.of(r);
      restart |= effects.contains("restart");
      reload |= effects.contains("reload");
    }
    if (restart) {
      out.add("restart ocserv (an option read only at start changes)");
    } else if (reload) {
      out.add("occtl reload");
    }
    for (ResourceChange r : resources) {
      if (LiveEffects.of(r).contains("disconnect")) {
        out.add("disconnect " + r.address());
      }
    }
    return out;
  }

  public long count(Action action) {
    return resources.stream().filter(r -> r.action() == action).count();
  }

  /** {@code Plan: 1 to add, 2 to change, 0 to destroy.} or {@code No changes.} */
  public String summary() {
    if (!hasChanges()) {
      return "No changes.";
    }
    if (resources.isEmpty()) {
      return "Plan: " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " to change.";
    }
    return "Plan: " + count(Action.CREATE) + " to add, " + count(Action.UPDATE) + " to change, "
        + count(Action.DELETE) + " to destroy.";
  }
}
