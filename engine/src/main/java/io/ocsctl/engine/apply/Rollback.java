package io.ocsctl.engine.apply;

import io.ocsctl.engine.TempTrees;
import io.ocsctl.engine.importer.ImportException;
import io.ocsctl.engine.importer.Importer;
import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.Address;
import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.PasswdMask;
import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.Planner;
import io.ocsctl.engine.plan.ResourceChange;
import io.ocsctl.engine.plan.SecretCache;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.live.ManagedFiles;
import io.ocsctl.providers.live.RawText;
import io.ocsctl.providers.passwd.PasswdFile;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Server;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.state.History;
import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ocsctl rollback REV}: the plan that brings the managed files back to a revision of the
 * history, file by file (the exact bytes recorded). Its resource changes, and so its guards and
 * what it does to the running server (reload, restart, disconnects), come from planning the
 * revision, imported as a desired state, against the live tree: a rollback is applied by the same
 * {@link Applier} as any plan and brings the running ocserv onto the restored files the same way.
 */
public final class Rollback {
  private Rollback() {}

  /**
   * The rollback plan, and the revision as a desired state (whose users and groups a session
   * snapshot needs).
   */
  public record Planned(Plan plan, DesiredState revision) {}

  private static final DesiredState NOTHING =
      new DesiredState(Server.EMPTY, Map.of(), Map.of(), Map.of(), Map.of());

  public static Planned plan(LiveState live, StateDir stateDir, String revision)
      throws IOException, MalformedFileException {
    Map<String, byte[]> then;
    try (History history = History.open(stateDir)) {
      then = history.filesAt(revision);
    }
    Map<String, byte[]> now = ManagedFiles.snapshot(live.root(), live.paths());
    List<FileChange> files = new ArrayList<>();
    Set<String> passwdFiles = new HashSet<>();
    live.paths()
        .passwdFiles()
        .values()
        .forEach(p -> passwdFiles.add(live.root().display(p).substring(1)));
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
      files.add(
          new FileChange(
              "/" + rel,
              target,
              before,
              after,
              shownBefore,
              shownAfter,
              sensitive,
              sensitive ? PosixFilePermissions.fromString("rw-------") : null));
    }
    Planned changes =
        files.isEmpty()
            ? new Planned(new Plan(List.of(), List.of(), Map.of(), "", List.of()), NOTHING)
            : changesTo(live, then);
    return new Planned(
        new Plan(
            changes.plan().resources(),
            files,
            live.fingerprints(),
            "rollback:" + revision,
            List.of(
                "rollback to revision "
                    + revision
                    + " of the history: "
                    + files.size()
                    + " file(s) change"),
            changes.plan().guards()),
        changes.revision());
  }

  /**
   * The revision's files in a private scratch tree, imported and planned against {@code live}. A
   * revision that cannot be imported (e.g. a hand-made file ocsctl would not write) still reloads
   * the server when ocserv.conf changes.
   */
  private static Planned changesTo(LiveState live, Map<String, byte[]> then) throws IOException {
    String conf = live.root().display(live.paths().config());
    Path tree = TempTrees.create("ocsctl-rollback-");
    try {
      for (var e : then.entrySet()) {
        Path file = tree.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
      }
      LiveState old = LiveReader.read(tree, conf, Settings.EMPTY);
      DesiredState desired = Importer.fromLive(old);
      return new Planned(
          Planner.plan(
              desired, live, new Passwords(tree, Map.of(), SecretCache.inMemory()), "rollback"),
          desired);
    } catch (MalformedFileException | ImportException | Passwords.SecretUnavailableException e) {
      List<ResourceChange> server =
          then.containsKey(conf.substring(1))
              ? List.of(new ResourceChange(Address.SERVER, Action.UPDATE, List.of(), List.of(conf)))
              : List.of();
      return new Planned(new Plan(server, List.of(), Map.of(), "", List.of()), NOTHING);
    } finally {
      TempTrees.delete(tree);
    }
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
