package io.ocsctl.engine.drift;

import io.ocsctl.engine.Seams;
import io.ocsctl.engine.TempTrees;
import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.importer.ImportException;
import io.ocsctl.engine.importer.Importer;
import io.ocsctl.engine.lifecycle.Counted;
import io.ocsctl.engine.lifecycle.Lifecycle;
import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.Planner;
import io.ocsctl.engine.server.ServerOptions;
import io.ocsctl.providers.Fingerprint;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.live.RootedPaths;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.OcctlSocket;
import io.ocsctl.schema.DebugLog;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.Sha256;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.state.History;
import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The read-only check a cron runs. The last applied revision in the history is the baseline: the
 * live tree is compared with it (drift) and the desired state is compared with it (pending).
 */
public final class DriftCheck {
  private DriftCheck() {}

  /** The drift report plus the running server's state (occtl), when the config enables occtl. */
  public static DriftReport runWithServer(Workflow.Target target)
      throws InvalidInputException,
          MalformedFileException,
          Passwords.SecretUnavailableException,
          IOException,
          ImportException {
    return check(target, true);
  }

  public static DriftReport run(Workflow.Target target)
      throws InvalidInputException,
          MalformedFileException,
          Passwords.SecretUnavailableException,
          IOException,
          ImportException {
    return check(target, false);
  }

  /**
   * An unchanged server is answered from the {@link InSyncStamp} of the last check that found it in
   * sync; otherwise the full comparison runs, and stamps its inputs when it finds it in sync.
   */
  private static DriftReport check(Workflow.Target target, boolean server)
      throws InvalidInputException,
          MalformedFileException,
          Passwords.SecretUnavailableException,
          IOException,
          ImportException {
    Optional<InSyncStamp.Reuse> reuse = InSyncStamp.check(target);
    DebugLog.log(
        "drift",
        () -> reuse.isPresent() ? "in sync by the stamp: no parse, no plan" : "full check");
    if (reuse.isPresent()) {
      DriftReport report =
          new DriftReport(Optional.of(reuse.get().head()), List.of(), List.of(), List.of())
              .withExpiringSoon(reuse.get().expiringSoon());
      return server
          ? withServer(report, reuse.get().occtlSocket(), target, reuse.get().canary())
          : report;
    }
    Properties inputs = InSyncStamp.before(target);
    Workflow.Read read = Workflow.read(target);
    DesiredState desired = read.loaded().state();
    Lifecycle week = Lifecycle.at(java.time.Clock.systemDefaultZone()).lookingAhead(WEEK);
    DriftReport report = compare(target, read).withExpiringSoon(week.expiring(desired).size());
    Optional<Path> socket;
    try {
      socket = occtlSocket(read.live(), target);
    } catch (MalformedFileException e) {
      InSyncStamp.clear(target.stateDir());
      return server
          ? report.withServer(
              new DriftReport.Server(
                  DriftReport.State.NOT_CHECKED, 0, "not checked: " + e.getMessage()))
          : report;
    }
    // traffic changes without any file changing: with quotas, every check is a full one
    boolean stampable = Counted.periods(desired).isEmpty();
    if (stampable
        && report.baseline().isPresent()
        && report.drifted().isEmpty()
        && report.pending().isEmpty()) {
      InSyncStamp.record(
          target,
          inputs,
          report.baseline().get(),
          read,
          socket,
          week.nextChange(desired),
          report.expiringSoon());
    } else {
      InSyncStamp.clear(target.stateDir());
    }
    return server ? withServer(report, socket, target, InSyncStamp.canaryUser(read)) : report;
  }

  /** How far ahead {@code ocsctl_users_expiring{days="7"}} counts. */
  static final java.time.Duration WEEK = java.time.Duration.ofDays(7);

  /** The socket occtl answers on when the live config turns occtl on. */
  private static Optional<Path> occtlSocket(LiveState live, Workflow.Target target)
      throws MalformedFileException {
    boolean occtlOn =
        live.config().settings().get("use-occtl").stream()
            .anyMatch(v -> v.equalsIgnoreCase("true"));
    return occtlOn
        ? Optional.of(OcctlSocket.of(live.root(), target.configPath(), live.config()))
        : Optional.empty();
  }

  /**
   * Asks occtl whether ocserv runs, when the live config turns occtl on. A server is expected where
   * it could run: the host's own root ({@code --root /}), or any root whose socket path holds a
   * file (left by a server that ran there). A copy of a tree elsewhere with no socket has no
   * server: the check is skipped with a note instead of reporting an outage. The canary's own login
   * ({@code canary}) is not a user's session.
   */
  private static DriftReport withServer(
      DriftReport report, Optional<Path> socket, Workflow.Target target, Optional<String> canary) {
    if (socket.isEmpty()) {
      return report;
    }
    String shown = new RootedPaths(target.root()).display(socket.get());
    boolean hostRoot = target.root().toAbsolutePath().normalize().getParent() == null;
    if (!hostRoot && !Files.exists(socket.get(), LinkOption.NOFOLLOW_LINKS)) {
      return report.withServer(
          new DriftReport.Server(
              DriftReport.State.NOT_HERE,
              0,
              "no ocserv runs for this tree (nothing at "
                  + shown
                  + "): the server check was skipped"));
    }
    try {
      Occtl occtl = Occtl.at(socket.get(), target.env());
      if (!occtl.answers()) {
        return report.withServer(
            new DriftReport.Server(
                DriftReport.State.DOWN, 0, "ocserv does not answer on " + shown));
      }
      int users =
          (int)
              occtl.users().value().stream()
                  .filter(u -> canary.isEmpty() || !canary.get().equals(u.user()))
                  .count();
      return report.withServer(
          new DriftReport.Server(DriftReport.State.UP, users, "running, " + users + " connected"));
    } catch (OcctlException e) {
      return report.withServer(
          new DriftReport.Server(
              DriftReport.State.NOT_CHECKED, 0, "the server was not checked: " + e.getMessage()));
    }
  }

  /** Live vs the last applied revision (drift), desired vs that revision (pending). */
  private static DriftReport compare(Workflow.Target target, Workflow.Read read)
      throws MalformedFileException,
          Passwords.SecretUnavailableException,
          IOException,
          ImportException {
    Path historyDir = new StateDir(target.stateDir()).historyDir();
    // expiries and quotas decide locks of the desired state, as in a plan
    Lifecycle lifecycle =
        Workflow.lifecycle(target, read, ServerOptions.DEFAULT, Seams.real(target.env()));
    if (!Files.isDirectory(historyDir)) {
      Plan plan =
          Planner.plan(read.loaded().state(), read.live(), read.passwords(), "drift", lifecycle);
      return new DriftReport(
          Optional.empty(),
          plan.resources(),
          List.of(),
          List.of(
              "nothing was applied with this state directory yet: every difference from the desired state counts as drift"));
    }
    String head;
    Map<String, byte[]> revision;
    try (History history = History.open(StateDir.at(target.stateDir()))) {
      head = history.head().orElseThrow();
      revision = history.filesAt(head);
    }
    if (sameBytes(revision, read.live())) {
      // the live tree is the applied revision byte for byte: nothing drifted, and the live state
      // read for the plan is the baseline; no temporary tree, import or second plan
      Plan pending =
          Planner.plan(read.loaded().state(), read.live(), read.passwords(), "pending", lifecycle);
      return new DriftReport(Optional.of(head), List.of(), pending.resources(), List.of());
    }
    Path baselineRoot = TempTrees.create("ocsctl-drift");
    try {
      for (Map.Entry<String, byte[]> file : revision.entrySet()) {
        Path p = baselineRoot.resolve(file.getKey()).normalize();
        if (!p.startsWith(baselineRoot)) {
          continue; // a history path that would leave the temporary root is ignored, never written
        }
        Files.createDirectories(p.getParent());
        Files.write(p, file.getValue());
      }
      LiveState baseline =
          LiveReader.read(
              baselineRoot, target.configPath(), read.loaded().state().server().settings());
      Passwords hashesOnly = new Passwords(baselineRoot, Map.of());
      Plan revert = Planner.plan(Importer.fromLive(baseline), read.live(), hashesOnly, "drift");
      // the same Passwords (and secret cache) as a plan: unchanged secrets are not hashed again
      Plan pending =
          Planner.plan(read.loaded().state(), baseline, read.passwords(), "pending", lifecycle);
      return new DriftReport(Optional.of(head), revert.resources(), pending.resources(), List.of());
    } finally {
      TempTrees.delete(baselineRoot);
    }
  }

  /**
   * Whether the live tree holds exactly the revision's files: the same managed files (relative to
   * the root, as history stores them) with the same bytes, by the fingerprints the live read took.
   */
  static boolean sameBytes(Map<String, byte[]> revision, LiveState live) {
    Set<Path> dirs = new HashSet<>();
    live.paths().perUserDir().ifPresent(dirs::add);
    live.paths().perGroupDir().ifPresent(dirs::add);
    Map<String, String> files = new HashMap<>();
    live.fingerprints()
        .forEach(
            (path, sha) -> {
              if (!dirs.contains(path) && sha instanceof Fingerprint.Sha256 hash) {
                files.put(live.root().display(path).substring(1), hash.hex());
              }
            });
    if (!files.keySet().equals(revision.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> file : revision.entrySet()) {
      if (!Sha256.hex(file.getValue()).equals(files.get(file.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
