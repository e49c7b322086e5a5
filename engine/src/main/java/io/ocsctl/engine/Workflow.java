package io.ocsctl.engine;

import io.ocsctl.engine.canary.CanaryLogin;
import io.ocsctl.engine.importer.ImportException;
import io.ocsctl.engine.lifecycle.Counted;
import io.ocsctl.engine.lifecycle.Lifecycle;
import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.Planner;
import io.ocsctl.engine.plan.ScriptCheck;
import io.ocsctl.engine.plan.SecretCache;
import io.ocsctl.engine.plan.Targets;
import io.ocsctl.engine.server.ServerConnection;
import io.ocsctl.engine.server.ServerOptions;
import io.ocsctl.engine.server.SessionSnapshot;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.live.ManagedPaths;
import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.schema.DebugLog;
import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.Sha256;
import io.ocsctl.schema.fleet.FleetLoader;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.load.ParseCache;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The core loop as the commands use it: load and validate, read the live tree, plan. */
public final class Workflow {
  private Workflow() {}

  /**
   * Where to find things: the desired-state file or directory, the root, the config inside it, the
   * state directory (lock, journal, history, caches; default ROOT/var/lib/ocsctl). With {@code
   * host} (a fleet host's name; null for a single server), {@code desired} is the fleet file or its
   * directory and the desired state is that host's (docs/fleet.md). {@code targets}: the resources
   * {@code -target} limits the plan to ({@link Targets#ALL}: every one).
   */
  public record Target(
      Path desired,
      Path root,
      String configPath,
      Map<String, String> env,
      Path stateDir,
      Targets targets,
      String host) {
    public Target {
      stateDir = stateDir != null ? stateDir : defaultStateDir(root);
      targets = targets == null ? Targets.ALL : targets;
    }

    public Target(
        Path desired, Path root, String configPath, Map<String, String> env, Path stateDir) {
      this(desired, root, configPath, env, stateDir, Targets.ALL, null);
    }

    public Target(
        Path desired,
        Path root,
        String configPath,
        Map<String, String> env,
        Path stateDir,
        Targets targets) {
      this(desired, root, configPath, env, stateDir, targets, null);
    }

    public Target withTargets(Targets targets) {
      return new Target(desired, root, configPath, env, stateDir, targets, host);
    }

    /** This target for host {@code name} of the fleet {@code desired} names. */
    public Target forHost(String name) {
      return new Target(desired, root, configPath, env, stateDir, targets, name);
    }

    /** The desired state and the checks of every command, for one server or a fleet host. */
    public DesiredStateLoader.Loaded load(ParseCache cache) throws InvalidInputException {
      return host == null
          ? DesiredStates.load(desired, cache)
          : FleetLoader.load(desired, host, cache);
    }
  }

  public static Path defaultStateDir(Path root) {
    return root.toAbsolutePath().normalize().resolve("var/lib/ocsctl");
  }

  public record Planned(DesiredStateLoader.Loaded loaded, LiveState live, Plan plan) {}

  public static Planned plan(Target target)
      throws InvalidInputException, MalformedFileException, Passwords.SecretUnavailableException {
    return plan(target, ServerOptions.DEFAULT);
  }

  /**
   * What a plan compares: the checked desired state, the live tree, and how to hash its secrets.
   */
  public record Read(DesiredStateLoader.Loaded loaded, LiveState live, Passwords passwords) {}

  /**
   * The plan, with who is connected to the running server (the occtl program asked) for its server
   * actions.
   */
  public static Planned plan(Target target, ServerOptions server)
      throws InvalidInputException, MalformedFileException, Passwords.SecretUnavailableException {
    return plan(target, server, Occtl.Factory.program(target.env()));
  }

  /** The plan of the tree on disk, asking the running server through {@code occtl}. */
  public static Planned plan(Target target, ServerOptions server, Occtl.Factory occtl)
      throws InvalidInputException, MalformedFileException, Passwords.SecretUnavailableException {
    return plan(target, server, new Seams(occtl, LiveSource.DISK));
  }

  /**
   * The plan, with who is connected to the running server (when it answers occtl) for its server
   * actions.
   */
  public static Planned plan(Target target, ServerOptions server, Seams seams)
      throws InvalidInputException, MalformedFileException, Passwords.SecretUnavailableException {
    return plan(target, server, seams, Map.of());
  }

  /**
   * The plan, keeping a user's hash from {@code reviewedHashes} (a saved plan's) when it is the
   * hash of that user's secret: how apply recomputes a saved plan to compare it byte for byte.
   */
  public static Planned plan(
      Target target, ServerOptions server, Seams seams, Map<String, String> reviewedHashes)
      throws InvalidInputException, MalformedFileException, Passwords.SecretUnavailableException {
    return plan(target, server, seams, reviewedHashes, Lifecycle.LOOK_AHEAD);
  }

  /**
   * The plan of {@code loaded} (a desired state already loaded and checked: a fleet host's, whose
   * shared files the fleet plan parses once for every host) against the tree of {@code target}.
   */
  public static Planned plan(
      Target target, DesiredStateLoader.Loaded loaded, ServerOptions server, Seams seams)
      throws InvalidInputException, MalformedFileException, Passwords.SecretUnavailableException {
    return plan(
        target, read(target, seams.live(), loaded), server, seams, Map.of(), Lifecycle.LOOK_AHEAD);
  }

  /**
   * The plan, its notes listing the accounts that end within {@code lookAhead} (docs/lifecycle.md).
   */
  public static Planned plan(
      Target target,
      ServerOptions server,
      Seams seams,
      Map<String, String> reviewedHashes,
      java.time.Duration lookAhead)
      throws InvalidInputException, MalformedFileException, Passwords.SecretUnavailableException {
    return plan(target, read(target, seams.live()), server, seams, reviewedHashes, lookAhead);
  }

  private static Planned plan(
      Target target,
      Read read,
      ServerOptions server,
      Seams seams,
      Map<String, String> reviewedHashes,
      java.time.Duration lookAhead)
      throws InvalidInputException, MalformedFileException, Passwords.SecretUnavailableException {
    Passwords passwords =
        reviewedHashes.isEmpty() ? read.passwords() : read.passwords().reusing(reviewedHashes);
    DesiredState desired = targeted(target, read);
    Plan plan;
    try (DebugLog.Phase phase = DebugLog.phase("plan", "compute the plan")) {
      plan =
          Planner.plan(
                  desired,
                  read.live(),
                  passwords,
                  fingerprint(read.loaded()),
                  lifecycle(target, read, server, seams).lookingAhead(lookAhead))
              .targeted(target.targets());
    }
    try (DebugLog.Phase phase = DebugLog.phase("plan", "ask the running server (occtl)")) {
      plan = plan.withLive(SessionSnapshot.take(read.live(), desired, server, seams.occtl()));
    }
    if (server.verify()) {
      if (desired.canary().isEmpty()) {
        throw new InvalidInputException(
            new Diagnostic(
                target.desired().toString(),
                0,
                0,
                "-verify logs in as the canary, but the desired state has no canary block",
                "declare canary { user = \"NAME\", password = { env = \"VAR\" }, server_cert ="
                    + " \"pin-sha256:...\" } (docs/canary.md), or leave out -verify",
                ""));
      }
      plan = plan.withCanary(CanaryLogin.step(desired));
    }
    Plan done = plan;
    DebugLog.log(
        "plan",
        () ->
            done.summary()
                + (done.targets().all() ? "" : " (targets " + done.targets().addresses() + ")")
                + "; "
                + done.files().size()
                + " file(s) to write");
    return new Planned(read.loaded(), read.live(), plan);
  }

  /**
   * The moment, zone and traffic the plan decides expiries and quotas by: the seams' clock, and
   * when the desired state has a quota, the usage ledger plus the sessions running now.
   */
  public static Lifecycle lifecycle(Target target, Read read, ServerOptions server, Seams seams)
      throws MalformedFileException {
    Path state = target.stateDir().toAbsolutePath().normalize();
    Path root = target.root().toAbsolutePath().normalize();
    Lifecycle at =
        Lifecycle.at(seams.clock())
            .with(
                new Lifecycle.Hook(
                    target
                        .env()
                        .getOrDefault("OCSCTL_HOOK_COMMAND", Lifecycle.Hook.DEFAULT.command()),
                    state.startsWith(root) ? "/" + root.relativize(state) : state.toString()));
    var periods = Counted.periods(read.loaded().state());
    if (periods.isEmpty()) {
      return at;
    }
    List<ConnectedUser> running = List.of();
    try {
      Path socket = ServerConnection.socket(read.live(), server);
      if (Files.exists(socket)) {
        running = seams.occtl().at(socket).users().value();
      }
    } catch (OcctlException notRunning) {
      // a server that does not answer has no session running: the ledger is all there is
    }
    try {
      return at.with(Counted.of(at, periods, target.stateDir(), running));
    } catch (IOException e) {
      throw new MalformedFileException(
          target.stateDir().resolve("usage").toString(),
          0,
          "the usage ledger cannot be read, so quotas cannot be checked: " + e.getMessage(),
          "fix the state directory as the message says (docs/lifecycle.md), then plan again");
    }
  }

  /**
   * The desired state a plan compares: all of it, or with {@code -target} the live server with only
   * the targeted resources as desired ({@link Targets#narrow}).
   */
  private static DesiredState targeted(Target target, Read read)
      throws InvalidInputException, MalformedFileException {
    if (target.targets().all()) {
      return read.loaded().state();
    }
    LiveState live = read.live();
    ManagedPaths own =
        LiveReader.paths(live.root(), target.configPath(), live.config(), Settings.EMPTY);
    if (!own.equals(live.paths())) {
      // the desired state moves a managed file (another ocpasswd, config-per-user): only a full
      // plan can move it
      throw new InvalidInputException(
          new io.ocsctl.schema.Diagnostic(
              "-target",
              0,
              0,
              "the desired state moves a managed file (auth's passwd file, config-per-user or"
                  + " config-per-group), which a targeted plan cannot do",
              "plan without -target",
              ""));
    }
    try {
      return target.targets().narrow(read.loaded().state(), live);
    } catch (ImportException e) {
      throw new MalformedFileException(
          live.root().display(live.paths().config()),
          0,
          "-target reads the server as a desired state and cannot: " + e.getMessage(),
          e.hint());
    }
  }

  /**
   * {@code apply -expired-only}: {@code target} limited to the users an expiry or a quota locks or
   * unlocks now ({@link LifecycleChanges}); empty when there is none.
   */
  public static java.util.Optional<Target> lifecycleOnly(
      Target target, ServerOptions server, Seams seams)
      throws InvalidInputException, MalformedFileException {
    Read read = read(target, seams.live());
    var due =
        io.ocsctl.engine.lifecycle.LifecycleChanges.of(
            read.loaded().state(), read.live(), lifecycle(target, read, server, seams));
    return due.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(target.withTargets(new Targets(due)));
  }

  /** Loads and checks the desired state and reads the live tree on disk, without planning. */
  public static Read read(Target target) throws InvalidInputException, MalformedFileException {
    return read(target, LiveSource.DISK);
  }

  /**
   * Loads and checks the desired state and reads the live tree from {@code source}, without
   * planning.
   */
  public static Read read(Target target, LiveSource source)
      throws InvalidInputException, MalformedFileException {
    return read(target, source, null);
  }

  private static Read read(Target target, LiveSource source, DesiredStateLoader.Loaded preloaded)
      throws InvalidInputException, MalformedFileException {
    // the live tree is read while the desired state parses: on two cores this halves plan time
    CompletableFuture<LiveState> early =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return source.read(target.root(), target.configPath(), Settings.EMPTY, Map.of());
              } catch (MalformedFileException e) {
                throw new CompletionException(e);
              }
            });
    // the caches live in the state directory once an apply has made it: a plan against a copied
    // or read-only tree never creates one
    boolean stateDir = Files.isDirectory(target.stateDir());
    DesiredStateLoader.Loaded loaded =
        preloaded != null
            ? preloaded
            : target.load(stateDir ? ParseCache.in(target.stateDir()) : ParseCache.NONE);
    LiveState live = liveFor(target, source, loaded.state(), early);
    ScriptCheck.check(loaded.state(), loaded.origins(), live.root());
    Passwords passwords =
        new Passwords(
            desiredDir(target.desired()),
            target.env(),
            stateDir ? SecretCache.in(target.stateDir()) : SecretCache.inMemory());
    return new Read(loaded, live, passwords);
  }

  /**
   * The live state read early, unless the desired state moves a managed file (another ocpasswd or
   * config-per-user path): then the tree is read again at the desired paths.
   */
  private static LiveState liveFor(
      Target target, LiveSource source, DesiredState desired, CompletableFuture<LiveState> early)
      throws MalformedFileException {
    LiveState live;
    try {
      live = early.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof MalformedFileException bad) {
        throw bad;
      }
      throw e;
    }
    Settings desiredServer = desired.server().settings();
    Map<String, Settings> desiredVhosts = new LinkedHashMap<>();
    desired.vhosts().forEach((name, vhost) -> desiredVhosts.put(name, vhost.settings()));
    ManagedPaths wanted =
        LiveReader.paths(
            live.root(), target.configPath(), live.config(), desiredServer, desiredVhosts);
    return wanted.equals(live.paths())
        ? live
        : source.read(target.root(), target.configPath(), desiredServer, desiredVhosts);
  }

  /**
   * The directory relative secret files are read from: the desired-state directory or the file's.
   */
  public static Path desiredDir(Path desired) {
    return Files.isDirectory(desired) ? desired : desired.toAbsolutePath().getParent();
  }

  /**
   * sha256 over the desired-state files as they were read for this plan (not read again: a file
   * saved in between must make a saved plan stale), so a saved plan can tell when they changed.
   */
  static String fingerprint(DesiredStateLoader.Loaded loaded) {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < loaded.files().size(); i++) {
      all.append(loaded.files().get(i).getFileName())
          .append('\0')
          .append(loaded.sha256().get(i))
          .append('\n');
    }
    return Sha256.hex(all.toString().getBytes(StandardCharsets.UTF_8));
  }
}
