package io.ocsctl.engine.apply;

import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.PasswdMask;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.providers.live.RawText;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.live.ManagedFiles;
import io.ocsctl.providers.passwd.PasswdFile;
import io.ocsctl.state.History;
import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ocsctl rollback REV}: the plan that brings the managed files back to a revision of the
 * history, file by file; it is applied through the same safe path as any plan.
 */
public final class Rollback {
  private Rollback() {}

  public static Plan plan(LiveState live, StateDir stateDir, String revision)
      throws IOException, MalformedFileException {
    Map<String, byte[]> then;
    try (History history = History.open(stateDir)) {
      then = history.filesAt(revision);
    }
    Map<String, byte[]> now = ManagedFiles.snapshot(live.root(), live.paths());
    List<FileChange> files = new ArrayList<>();
    Set<String> passwdFiles = new HashSet<>();
    live.paths().passwdFiles().values().forEach(p -> passwdFiles.add(live.root().display(p).substring(1)));
    for (String rel : new TreeSet<>(union(then, now))) {
      String before = text(now.get(rel));
      String after = text(then.get(rel));
      if (Objects.equals(before, after)) {
        continue;
      }
      Path target = live.root().resolve("/" + rel, "/");
      boolean sensitive = passwdFiles.contains(rel);
      String shownBefore = before;
      String shownAfter = after;
      if (sensitive) {
        PasswdFile b = before == null ? PasswdFile.empty() : PasswdFile.parse("/" + rel, before);
        PasswdFile a = after == null ? PasswdFile.empty() : PasswdFile.parse("/" + rel, after);
        shownBefore = before == null ? null : PasswdMask.masked(b, a, true);
        shownAfter = after == null ? null : PasswdMask.masked(a, b, false);
      }
      files.add(new FileChange("/" + rel, target, before, after, shownBefore, shownAfter, sensitive,
          sensitive ? PosixFilePermissions.fromString("rw-------") : null));
    }
    return new Plan(List.of(), files, live.fingerprints(), "rollback:" + revision,
        List.of("rollback to revision " + revision + " of the history: " + files.size() + " file(s) change"));
  }

  private static java.util.Set<String> union(Map<String, byte[]> a, Map<String, byte[]> b) {
    java.util.Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : RawText.decode(bytes);
  }
}
