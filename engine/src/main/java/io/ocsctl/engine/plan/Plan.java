package io.ocsctl.engine.plan;

import io.ocsctl.providers.Fingerprint;
import io.ocsctl.providers.occtl.LiveSessions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one value {@code plan} renders and {@code apply} executes: resource changes, the file writes
 * that realise them, fingerprints of everything read so a stale plan can be refused, the guards
 * apply must pass ({@link Guard}) and what apply does to the running server ({@link ServerAction});
 * {@code live} is who was connected when it was made (not saved with it: apply asks the server
 * again, and {@link #withLive} decides the server actions anew).
 */
public record Plan(
    List<ResourceChange> resources,
    List<FileChange> files,
    Map<Path, Fingerprint> liveFingerprints,
    String desiredFingerprint,
    List<String> notes,
    LiveSessions live,
    List<Guard> guards,
    List<ServerAction> actions,
    Targets targets) {
  public Plan {
    resources = List.copyOf(resources);
    files = List.copyOf(files);
    liveFingerprints = Collections.unmodifiableMap(new TreeMap<>(liveFingerprints));
    notes = List.copyOf(notes);
    live = live == null ? LiveSessions.UNKNOWN : live;
    guards = List.copyOf(guards);
    actions = List.copyOf(actions);
    targets = targets == null ? Targets.ALL : targets;
  }

  /** A plan of every resource ({@code targets} all). */
  public Plan(
      List<ResourceChange> resources,
      List<FileChange> files,
      Map<Path, Fingerprint> liveFingerprints,
      String desiredFingerprint,
      List<String> notes,
      LiveSessions live,
      List<Guard> guards,
      List<ServerAction> actions) {
    this(
        resources,
        files,
        liveFingerprints,
        desiredFingerprint,
        notes,
        live,
        guards,
        actions,
        Targets.ALL);
  }

  /** This plan, limited to {@code targets} when it was made ({@code -target}). */
  public Plan targeted(Targets targets) {
    return with(live, guards, actions, targets);
  }

  /** A plan made without asking the running server, with its guards. */
  public Plan(
      List<ResourceChange> resources,
      List<FileChange> files,
      Map<Path, Fingerprint> liveFingerprints,
      String desiredFingerprint,
      List<String> notes,
      List<Guard> guards) {
    this(
        resources,
        files,
        liveFingerprints,
        desiredFingerprint,
        notes,
        LiveSessions.UNKNOWN,
        guards,
        ServerActions.decide(resources, LiveSessions.UNKNOWN));
  }

  /** A plan made without asking the running server, with no guard. */
  public Plan(
      List<ResourceChange> resources,
      List<FileChange> files,
      Map<Path, Fingerprint> liveFingerprints,
      String desiredFingerprint,
      List<String> notes) {
    this(resources, files, liveFingerprints, desiredFingerprint, notes, List.of());
  }

  /**
   * This plan with what occtl says about the running server; its server actions are decided again.
   */
  public Plan withLive(LiveSessions sessions) {
    LiveSessions now = sessions == null ? LiveSessions.UNKNOWN : sessions;
    return with(now, guards, ServerActions.decide(resources, now, canary()), targets);
  }

  /** This plan with the canary login of {@code apply -verify} as its last step (or without). */
  public Plan withCanary(Optional<ServerAction.Canary> canary) {
    return with(live, guards, ServerActions.decide(resources, live, canary), targets);
  }

  /** The canary login the plan ends with, if it verifies the change. */
  public Optional<ServerAction.Canary> canary() {
    return actionsOf(ServerAction.Canary.class).stream().findFirst();
  }

  /**
   * This (saved, reviewed) plan's changes with the guards and the running server of {@code now}, a
   * plan of the same tree made just now (its fingerprints were checked to match).
   */
  public Plan rebasedOn(Plan now) {
    return with(
        now.live(),
        now.guards(),
        ServerActions.decide(resources, now.live(), now.canary()),
        targets);
  }

  /** The same changes (resources, files, fingerprints, notes) with another server side. */
  private Plan with(
      LiveSessions live, List<Guard> guards, List<ServerAction> actions, Targets targets) {
    return new Plan(
        resources,
        files,
        liveFingerprints,
        desiredFingerprint,
        notes,
        live,
        guards,
        actions,
        targets);
  }

  /**
   * True when apply has anything to do: files to change, or bans to lift on the running server
   * (like a disconnect, a pending unban is work a review and {@code -detailed-exitcode} must see).
   */
  public boolean hasChanges() {
    return changesFiles() || !actionsOf(ServerAction.LiftBan.class).isEmpty();
  }

  /** True when apply writes files; false for a plan that only lifts bans. */
  public boolean changesFiles() {
    return !resources.isEmpty() || !files.isEmpty();
  }

  /** The server actions of one kind, in order. */
  public <T extends ServerAction> List<T> actionsOf(Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The guard of one kind, if the plan has it. */
  public <T extends Guard> Optional<T> guard(Class<T> type) {
    return guards.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** What the plan shows of its server actions, one line each, in the order apply runs them. */
  public List<String> sideEffects() {
    return actions.stream().map(ServerAction::shown).flatMap(Optional::stream).toList();
  }

  /** The warnings every format shows: resource targeting, then the guards' (mass destroy). */
  public List<String> warnings() {
    List<String> out = new java.util.ArrayList<>();
    targets.warning().ifPresent(out::add);
    guards.stream().map(Guard::warning).flatMap(Optional::stream).forEach(out::add);
    return List.copyOf(out);
  }

  public long count(Action action) {
    return resources.stream().filter(r -> r.action() == action).count();
  }

  /** {@code Plan: 1 to add, 2 to change, 0 to destroy.} or {@code No changes.} */
  public String summary() {
    if (!hasChanges()) {
      return "No changes.";
    }
    if (!changesFiles()) {
      int n = actionsOf(ServerAction.LiftBan.class).size();
      return "Plan: " + n + " address" + (n == 1 ? "" : "es") + " to unban on the running server.";
    }
    if (resources.isEmpty()) {
      return "Plan: " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " to change.";
    }
    return "Plan: "
        + count(Action.CREATE)
        + " to add, "
        + count(Action.UPDATE)
        + " to change, "
        + count(Action.DELETE)
        + " to destroy.";
  }
}
