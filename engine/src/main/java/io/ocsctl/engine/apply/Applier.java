package io.ocsctl.engine.apply;

import io.ocsctl.engine.Failure;
import io.ocsctl.engine.Seams;
import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.canary.CanaryLogin;
import io.ocsctl.engine.canary.Verified;
import io.ocsctl.engine.plan.Guard;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.SavedPlan;
import io.ocsctl.engine.server.LiveApply;
import io.ocsctl.engine.server.ServerOptions;
import io.ocsctl.engine.server.SessionSnapshot;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.schema.DebugLog;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.state.ApplyLock;
import io.ocsctl.state.Journal;
import io.ocsctl.state.StateDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one way ocsctl changes a server, for {@code apply}, {@code apply PLANFILE} and {@code
 * rollback}: recover an interrupted apply, take the lock, recover again under it, read the tree and
 * plan (or check a saved plan against a plan made now, or plan the return to a revision), show the
 * plan, check its guards, prepare the running server (refusing a restart that cannot happen), ask
 * for approval, run {@code ocserv -t}, swap the files with the journal, run the plan's server
 * actions (with {@code -verify}, then the canary login: a failed check rolls the swap back), and
 * record the history. Every refusal is a {@link Failure} and changes nothing.
 */
public final class Applier {
  private Applier() {}

  /** What to apply. */
  public sealed interface Source {
    Path stateDir();

    /** A plan of the desired state made now. */
    record Desired(Workflow.Target target) implements Source {
      public Path stateDir() {
        return target.stateDir();
      }
    }

    /**
     * A plan saved by {@code plan -out FILE}; refused when the tree or the desired state changed
     * since.
     */
    record Saved(SavedPlan saved, Path file, Workflow.Target target) implements Source {
      public Path stateDir() {
        return target.stateDir();
      }
    }

    /** The managed files as they were at a revision of the history. */
    record Revision(String revision, Path root, String configPath, Path stateDir)
        implements Source {}
  }

  /** How the change may go: the running server, the guards allowed, locking, the history record. */
  public record Options(
      ServerOptions server,
      boolean allowMassDestroy,
      String command,
      Duration lockTimeout,
      SafeApply.Record record,
      Journal.CrashPoint crashPoint) {}

  /** How a command follows the run: what it shows, and whether the plan is approved. */
  public interface Listener {
    /** An interrupted apply was finished or rolled back first. */
    void recovered(String what);

    /** The plan, before any guard: the command shows it. */
    void planned(Plan plan);

    /**
     * Called once the guards and the server allow the plan: empty to go ahead, else why not (e.g.
     * {@link Failure.Cancelled}); nothing has changed yet.
     */
    Optional<Failure> refusal(Plan plan);

    /** A warning to show before the swap (e.g. from {@code ocserv -t}). */
    void warning(String warning);
  }

  /**
   * What was done: the plan, what happened on the running server, warnings after the swap, the
   * history revision (empty when no file changed), and the canary's checks ({@code -verify}).
   */
  public record Applied(
      Plan plan,
      List<String> serverActions,
      List<String> warnings,
      Optional<SafeApply.Outcome> recorded,
      List<String> canary) {
    public Applied {
      serverActions = List.copyOf(serverActions);
      warnings = List.copyOf(warnings);
      canary = List.copyOf(canary);
    }

    /** Without a canary login. */
    public Applied(
        Plan plan,
        List<String> serverActions,
        List<String> warnings,
        Optional<SafeApply.Outcome> recorded) {
      this(plan, serverActions, warnings, recorded, List.of());
    }
  }

  /** Runs the change; {@code seams} are the running server's occtl and the live tree. */
  public static Applied run(Source source, Options options, Seams seams, Listener listener)
      throws Failure.Failed {
    try {
      return locked(source, options, seams, listener);
    } catch (Failure.Failed f) {
      throw f;
    } catch (Exception e) {
      throw new Failure.Failed(Failure.of(e));
    }
  }

  /** A plan that does nothing. */
  private static Applied nothing(Plan plan) {
    return new Applied(plan, List.of(), List.of(), Optional.empty());
  }

  private static Applied locked(Source source, Options options, Seams seams, Listener listener)
      throws Exception {
    Recovery.run(source.stateDir()).ifPresent(r -> listener.recovered(r.action()));
    StateDir stateDir = StateDir.at(source.stateDir());
    DebugLog.log("apply", () -> "take the lock in " + source.stateDir());
    try (ApplyLock lock = ApplyLock.acquire(stateDir, options.lockTimeout(), options.command())) {
      lock.takenOver().ifPresent(t -> listener.recovered("took over " + t));
      Recovery.runLocked(stateDir).ifPresent(r -> listener.recovered(r.action()));
      Reviewed reviewed = plan(source, options.server(), seams);
      Plan plan = reviewed.plan();
      listener.planned(plan);
      if (!plan.hasChanges()) {
        return nothing(plan);
      }
      Optional<Guard.MassDestroy> massDestroy = plan.guard(Guard.MassDestroy.class);
      if (massDestroy.isPresent() && !options.allowMassDestroy()) {
        throw new Failure.Failed(
            new Failure.MassDestroy(massDestroy.get().reason(), options.command()));
      }
      LiveApply running = LiveApply.prepare(plan, reviewed.live(), options.server(), seams.occtl());
      // -verify: the client and the canary's password must be there before anything is written
      Optional<CanaryLogin> canary =
          plan.canary().isPresent() && reviewed.desired() != null
              ? Optional.of(
                  CanaryLogin.prepare(
                      reviewed.desired().loaded().state(),
                      plan.canary().get().connect(),
                      Workflow.desiredDir(reviewed.desired().target().desired()),
                      reviewed.desired().target().env(),
                      seams.vpn(),
                      options.command() + " -verify"))
              : Optional.empty();
      Optional<Failure> refused = listener.refusal(plan);
      if (refused.isPresent()) {
        throw new Failure.Failed(refused.get());
      }
      if (!plan.changesFiles()) {
        // only bans to lift: nothing to stage, roll back or record in the history
        List<String> warnings = running.run();
        return new Applied(plan, running.actions(), warnings, Optional.empty());
      }
      try (DebugLog.Phase phase = DebugLog.phase("apply", "ocserv -t on the new files")) {
        Preflight.check(plan, reviewed.live()).warnings().forEach(listener::warning);
      }
      Verified verified = canary.map(c -> new Verified(running, c)).orElse(null);
      SafeApply.Outcome outcome;
      try (DebugLog.Phase phase = DebugLog.phase("apply", "stage, swap, server actions, history")) {
        outcome =
            SafeApply.apply(
                plan,
                reviewed.live(),
                stateDir,
                options.record(),
                verified != null ? verified : running,
                options.crashPoint());
      }
      return new Applied(
          plan,
          running.actions(),
          outcome.warnings(),
          Optional.of(outcome),
          verified != null ? verified.lines() : List.of());
    }
  }

  /**
   * The plan to execute, the live tree it was checked against, and the desired state it was made
   * from (null for a revision of the history).
   */
  private record Reviewed(Plan plan, LiveState live, Desired desired) {
    Reviewed(Plan plan, LiveState live) {
      this(plan, live, null);
    }
  }

  /** The desired state a plan was made from, and where it was read. */
  private record Desired(DesiredStateLoader.Loaded loaded, Workflow.Target target) {}

  private static Reviewed plan(Source source, ServerOptions server, Seams seams) throws Exception {
    if (source instanceof Source.Revision r) {
      LiveState live =
          seams.live().read(r.root(), r.configPath(), Settings.EMPTY, java.util.Map.of());
      Rollback.Planned back;
      try {
        back = Rollback.plan(live, StateDir.at(r.stateDir()), r.revision());
      } catch (IllegalArgumentException unknown) {
        throw new Failure.Failed(new Failure.UnknownRevision(r.revision()));
      }
      return new Reviewed(
          back.plan().withLive(SessionSnapshot.take(live, back.revision(), server, seams.occtl())),
          live);
    }
    if (!(source instanceof Source.Saved s)) {
      Workflow.Target target = ((Source.Desired) source).target();
      Workflow.Planned now = Workflow.plan(target, server, seams);
      return new Reviewed(now.plan(), now.live(), new Desired(now.loaded(), target));
    }
    // a saved plan is never trusted: the desired state and the tree come from the command line, the
    // plan is made again, and only an exact match of what was reviewed is applied
    // (docs/security.md)
    Workflow.Target target = s.target();
    String file = s.file().toString();
    Optional<String> otherTree = s.saved().otherTree(target.root(), target.configPath());
    if (otherTree.isPresent()) {
      throw new Failure.Failed(new Failure.OtherTree(file, otherTree.get()));
    }
    // a plan saved with -target is made again with the same targets
    Workflow.Planned now =
        Workflow.plan(
            target.withTargets(s.saved().plan().targets()),
            server,
            seams,
            s.saved().reviewedHashes());
    Optional<SavedPlan.Refusal> refusal = s.saved().refusal(now.plan());
    if (refusal.isPresent()) {
      String desired = target.desired().toString();
      throw new Failure.Failed(
          refusal.get().stale()
              ? new Failure.StalePlan(file, refusal.get().reason(), desired)
              : new Failure.UnreviewedPlan(file, refusal.get().reason(), desired));
    }
    return new Reviewed(now.plan(), now.live(), new Desired(now.loaded(), target));
  }
}
