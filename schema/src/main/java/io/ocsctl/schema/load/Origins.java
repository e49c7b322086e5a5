package io.ocsctl.schema.load;

import io.ocsctl.schema.Places;
import io.ocsctl.schema.SourcePosition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which file declared each block, so later checks can point at the right file and line. */
public final class Origins {
  private final Map<String, SourceFile> byBlock = new HashMap<>();
  // a fleet host's server or vhost block declared by the shared files and the overlay: the
  // overlay's file answers for the options it sets, the shared file for the rest
  private final Map<String, SourceFile> beneath = new HashMap<>();
  private final Set<List<String>> pruned = new HashSet<>();
  private final String fallback;

  Origins(String fallback) {
    this.fallback = fallback;
  }

  /**
   * The origins of a fleet host's state: {@code top} (the host's overlay) over {@code base} (its
   * shared files); either may be null. A block both declare (the server, a vhost) is placed in the
   * overlay where the overlay has the path, and in the shared file otherwise.
   */
  public static Origins layered(String fallback, Origins base, Origins top) {
    Origins out = new Origins(fallback);
    if (base != null) {
      out.byBlock.putAll(base.byBlock);
      out.pruned.addAll(base.pruned);
    }
    if (top == null) {
      return out;
    }
    out.pruned.addAll(top.pruned);
    top.byBlock.forEach(
        (key, file) -> {
          SourceFile under = out.byBlock.put(key, file);
          if (under != null && (key.startsWith("server/") || key.startsWith("vhost/"))) {
            out.beneath.put(key, under);
          }
        });
    return out;
  }

  void record(String kind, String name, SourceFile file) {
    byBlock.put(kind + "/" + name, file);
  }

  void pruned(List<String> path) {
    pruned.add(List.copyOf(path));
  }

  /**
   * Whether the node at {@code path} was left out of the model because the schema rejected it (the
   * error was reported then); a check that would complain about its absence stays silent.
   */
  public boolean wasRejected(List<String> path) {
    return pruned.contains(path);
  }

  /** Whether a node at or below {@code path} was left out of the model. */
  public boolean rejectedWithin(List<String> path) {
    return pruned.stream()
        .anyMatch(p -> p.size() >= path.size() && p.subList(0, path.size()).equals(path));
  }

  /** Whether any node was left out of the model. */
  public boolean anyRejected() {
    return !pruned.isEmpty();
  }

  /** The file that declared {@code kind "name"}, or null. */
  public SourceFile file(String kind, String name) {
    return byBlock.get(kind + "/" + name);
  }

  /** Position of a path such as {@code [user, alice, groups, 0]}. */
  public SourcePosition position(List<String> path) {
    String key = path.isEmpty() ? "" : path.get(0) + "/" + (path.size() > 1 ? path.get(1) : "");
    SourceFile file = byBlock.get(key);
    if (file == null && !path.isEmpty() && !Places.LABELLED_BLOCKS.contains(path.get(0))) {
      key = path.get(0) + "/"; // server, canary: blocks without a name
      file = byBlock.get(key);
    }
    SourceFile under = beneath.get(key);
    if (under != null && !file.index().has(path) && under.index().has(path)) {
      file = under;
    }
    return file == null ? SourcePosition.ofFile(fallback) : file.position(path);
  }
}
