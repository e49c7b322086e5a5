package io.ocsctl.engine.plan;

import io.ocsctl.engine.lifecycle.DisconnectHook;
import io.ocsctl.engine.lifecycle.Lifecycle;
import io.ocsctl.engine.lifecycle.LockReason;
import io.ocsctl.providers.Fingerprint;
import io.ocsctl.providers.conf.ConfigDocument;
import io.ocsctl.providers.conf.Section;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.passwd.PasswdEntry;
import io.ocsctl.providers.passwd.PasswdFile;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the desired state with the live state and computes the plan: which resources change and
 * the exact content of every file to write. The desired state is authoritative: what it does not
 * declare is deleted.
 */
public final class Planner {
  private final DesiredState desired;
  private final LiveState live;
  private final Passwords passwords;
  private final List<ResourceChange> resources = new ArrayList<>();
  private final List<FileChange> files = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private final Lifecycle lifecycle;

  private Planner(DesiredState desired, LiveState live, Passwords passwords, Lifecycle lifecycle) {
    this.desired = desired;
    this.live = live;
    this.passwords = passwords;
    this.lifecycle = lifecycle;
    this.lifecycleInUse = Lifecycle.inUse(desired);
    this.hasQuotas = Lifecycle.hasQuotas(desired);
  }

  // decided once per plan: a state without expiries or quotas costs its 100,000 users nothing
  private final boolean lifecycleInUse;
  private final boolean hasQuotas;

  /**
   * The plan at the system clock's moment with no traffic counted: for callers whose desired state
   * cannot hold a quota that matters (import's round trip, tests).
   */
  public static Plan plan(
      DesiredState desired, LiveState live, Passwords passwords, String desiredFingerprint)
      throws Passwords.SecretUnavailableException {
    return plan(
        desired, live, passwords, desiredFingerprint, Lifecycle.at(Clock.systemDefaultZone()));
  }

  /**
   * The plan; {@code lifecycle} (the moment, the server's zone, the traffic used) decides which
   * expiries and quotas lock users (docs/lifecycle.md).
   */
  public static Plan plan(
      DesiredState desired,
      LiveState live,
      Passwords passwords,
      String desiredFingerprint,
      Lifecycle lifecycle)
      throws Passwords.SecretUnavailableException {
    Planner planner = new Planner(desired, live, passwords, lifecycle);
    planner.run();
    planner.resources.addAll(0, FirewallPolicies.changes(desired, planner.resources));
    return new Plan(
        planner.resources,
        planner.files,
        live.fingerprints(),
        desiredFingerprint,
        planner.notes,
        Guards.of(planner.resources, live.userCount()));
  }

  private void run() throws Passwords.SecretUnavailableException {
    planConfig();
    planGroups();
    planUsers();
    for (Lifecycle.Expiring e :
        lifecycleInUse ? lifecycle.expiring(desired) : List.<Lifecycle.Expiring>of()) {
      notes.add(
          Address.user(e.user())
              + " expires "
              + e.expiry().written()
              + " ("
              + e.at()
              + "): an apply after that moment locks it");
    }
  }

  private static Settings firewallSettings(Optional<Firewall> firewall) {
    return firewall.map(Firewall::toSettings).orElse(Settings.EMPTY);
  }

  private void planConfig() {
    ConfigDocument before = live.config();
    ConfigDocument after = renderConfig(desired, before, hookPath());
    String confPath = live.root().display(live.paths().config());
    List<AttributeChange> serverAttrs =
        Diffs.settings(before.settings(), serverSettings(desired, hookPath()));
    boolean configExists = !Fingerprint.isAbsent(live.fingerprints().get(live.paths().config()));
    if (!serverAttrs.isEmpty() || !configExists) {
      resources.add(
          new ResourceChange(
              Address.SERVER,
              configExists ? Action.UPDATE : Action.CREATE,
              serverAttrs,
              List.of(confPath)));
    }
    List<String> liveVhosts = before.vhosts();
    for (String name : liveVhosts) {
      if (!desired.vhosts().containsKey(name)) {
        resources.add(
            new ResourceChange(
                Address.vhost(name),
                Action.DELETE,
                Diffs.settings(before.settings(Section.vhost(name)), Settings.EMPTY),
                List.of(confPath)));
      }
    }
    for (var vhost : desired.vhosts().values()) {
      List<AttributeChange> attrs =
          Diffs.settings(before.settings(Section.vhost(vhost.name())), vhost.settings());
      boolean exists = liveVhosts.contains(vhost.name());
      if (!exists || !attrs.isEmpty()) {
        resources.add(
            new ResourceChange(
                Address.vhost(vhost.name()),
                exists ? Action.UPDATE : Action.CREATE,
                attrs,
                List.of(confPath)));
      }
    }
    String beforeText = configExists ? before.render() : null;
    fileChange(live.paths().config(), beforeText, after.render(), false);
    planDisconnectHook();
  }

  /** Where the rendered config points disconnect-script: ocsctl's hook when there are quotas. */
  private Optional<String> hookPath() {
    return hasQuotas
        ? Optional.of(live.root().display(live.paths().disconnectHook()))
        : Optional.empty();
  }

  /**
   * The quota hook: written (mode 0755) while the desired state has a quota, deleted with the last
   * one. It runs the disconnect-script the desired state names after counting.
   */
  private void planDisconnectHook() {
    Path target = live.paths().disconnectHook();
    String shown = live.root().display(target);
    String before = live.disconnectHook().orElse(null);
    List<String> named = desired.server().settings().get("disconnect-script");
    if (hookPath().isEmpty() && named.contains(shown)) {
      return; // the desired state names the hook itself (as import writes it): kept as it is
    }
    // the script the hook runs: the desired one; where that is the hook, what it ran before
    Optional<String> next =
        named.stream().findFirst().filter(s -> !s.equals(shown)).isPresent()
            ? named.stream().findFirst()
            : Optional.ofNullable(before).flatMap(DisconnectHook::next);
    String after =
        hookPath().isEmpty()
            ? null
            : DisconnectHook.render(lifecycle.hook().command(), lifecycle.hook().stateDir(), next);
    if (before != null && after == null && !DisconnectHook.isHook(before)) {
      return; // a file of that name ocsctl did not write is not ocsctl's to delete
    }
    if (!Objects.equals(before, after)) {
      files.add(
          new FileChange(
              live.root().display(target),
              target,
              before,
              after,
              before,
              after,
              false,
              PosixFilePermissions.fromString("rwxr-xr-x")));
    }
  }

  /**
   * Server options plus the server's firewall policy, as written to ocserv.conf; with quotas,
   * disconnect-script names ocsctl's hook ({@code hook}), which runs the desired one.
   */
  static Settings serverSettings(DesiredState desired, Optional<String> hook) {
    Settings s =
        desired
            .server()
            .settings()
            .with(firewallSettings(desired.resolve(desired.server().firewall())));
    return hook.isEmpty()
        ? s
        : s.with(new Settings(Map.of("disconnect-script", List.of(hook.get()))));
  }

  /**
   * ocserv.conf as the desired state wants it, edited from {@code base} with minimal changes:
   * global options, then vhost sections (undeclared ones removed, new ones appended).
   */
  public static ConfigDocument renderConfig(DesiredState desired, ConfigDocument base) {
    return renderConfig(
        desired,
        base,
        Lifecycle.hasQuotas(desired)
            ? Optional.of("/etc/ocserv/" + DisconnectHook.FILE_NAME)
            : Optional.empty());
  }

  private static ConfigDocument renderConfig(
      DesiredState desired, ConfigDocument base, Optional<String> hook) {
    ConfigDocument after = base.withSettings(serverSettings(desired, hook));
    for (String name : base.vhosts()) {
      if (!desired.vhosts().containsKey(name)) {
        after = after.withoutVhost(name);
      }
    }
    for (var vhost : desired.vhosts().values()) {
      after = after.withSettings(Section.vhost(vhost.name()), vhost.settings());
    }
    return after;
  }

  private Settings groupSettings(Group group) {
    return group.settings().with(firewallSettings(desired.resolve(group.firewall())));
  }

  private Settings userSettings(User user) {
    return user.settings().with(firewallSettings(desired.resolve(user.firewall())));
  }

  private void planGroups() {
    Set<String> liveMembersOf = new TreeSet<>();
    live.passwdFiles()
        .values()
        .forEach(f -> f.entries().values().forEach(e -> liveMembersOf.addAll(e.groups())));
    Set<String> names = new TreeSet<>(live.perGroup().keySet());
    names.addAll(liveMembersOf);
    Set<String> desiredMemberOf = new TreeSet<>();
    desired.users().values().forEach(u -> desiredMemberOf.addAll(u.groups()));
    List<String> order = new ArrayList<>(desired.groups().keySet());
    names.stream().filter(n -> !desired.groups().containsKey(n)).forEach(order::add);
    for (String name : order) {
      Group group = desired.groups().get(name);
      ConfigDocument liveFile = live.perGroup().get(name);
      Settings before = liveFile == null ? Settings.EMPTY : liveFile.settings();
      Settings after = group == null ? Settings.EMPTY : groupSettings(group);
      boolean existsLive = liveFile != null || liveMembersOf.contains(name);
      boolean existsAfter = group != null && (!after.isEmpty() || desiredMemberOf.contains(name));
      String path = perFile(live.paths().perGroupDir(), name, liveFile, after, group != null);
      List<AttributeChange> attrs = Diffs.settings(before, after);
      Action action =
          existsLive && group == null
              ? Action.DELETE
              : !existsLive && existsAfter
                  ? Action.CREATE
                  : existsLive && !attrs.isEmpty() ? Action.UPDATE : null;
      if (action != null) {
        resources.add(
            new ResourceChange(
                Address.group(name), action, attrs, path == null ? List.of() : List.of(path)));
      }
    }
  }

  /**
   * Plans every user: its line in the passwd file of its scope (the server's, or the one its
   * vhost's plain auth names) and its config-per-user file. A user that moves to another scope
   * leaves one file and joins the other.
   */
  private void planUsers() throws Passwords.SecretUnavailableException {
    Map<String, PasswdFile> before = live.passwdFiles();
    Map<String, Path> paths = live.paths().passwdFiles();
    Map<String, String> liveScope = new LinkedHashMap<>();
    before.forEach(
        (scope, file) ->
            file.entries().keySet().forEach(name -> liveScope.putIfAbsent(name, scope)));
    Set<String> order = new LinkedHashSet<>(liveScope.keySet());
    order.addAll(desired.users().keySet());
    Set<String> names = new LinkedHashSet<>(order);
    names.addAll(live.perUser().keySet());
    Map<String, Secret> secrets = new LinkedHashMap<>();
    Map<String, String> liveHashes = new HashMap<>();
    desired
        .users()
        .values()
        .forEach(
            u ->
                u.password()
                    .filter(s -> paths.containsKey(scope(u)))
                    .ifPresent(s -> secrets.put(u.name(), s)));
    liveScope.forEach((name, scope) -> liveHashes.put(name, before.get(scope).get(name).hash()));
    Map<String, String> hashes = passwords.hashAll(secrets, liveHashes);
    Map<String, List<PasswdEntry>> entries = new LinkedHashMap<>();
    paths.keySet().forEach(scope -> entries.put(scope, new ArrayList<>()));
    for (String name : names) {
      User user = desired.users().get(name);
      String oldScope = liveScope.get(name);
      PasswdEntry old = oldScope == null ? null : before.get(oldScope).get(name);
      String newScope = user == null ? null : scope(user);
      ConfigDocument liveFile = live.perUser().get(name);
      Settings settingsBefore = liveFile == null ? Settings.EMPTY : liveFile.settings();
      Settings settingsAfter = user == null ? Settings.EMPTY : userSettings(user);
      PasswdEntry neu = null;
      Optional<LockReason> lockedBecause =
          user == null || user.locked() || !lifecycleInUse
              ? Optional.empty()
              : lifecycle.lockReason(user, desired);
      if (user != null && user.password().isPresent() && paths.containsKey(newScope)) {
        neu =
            new PasswdEntry(
                name, user.groups(), hashes.get(name), user.locked() || lockedBecause.isPresent());
        if (neu.sameAs(old) && newScope.equals(oldScope)) {
          neu = old; // an unchanged line is written back exactly as it was
        }
        entries.get(newScope).add(neu);
      }
      List<AttributeChange> attrs =
          new ArrayList<>(
              Diffs.user(
                  old == null ? null : old.asUser(oldScope),
                  neu == null ? null : neu.asUser(newScope)));
      Optional<String> why =
          lockedBecause.isPresent()
              ? lockedBecause.map(LockReason::words)
              : user == null || old == null || !old.locked() || !lifecycleInUse
                  ? Optional.empty()
                  : lifecycle.unlockReason(user, desired);
      why.ifPresent(w -> attrs.replaceAll(a -> a.name().equals("locked") ? a.because(w) : a));
      attrs.addAll(Diffs.settings(settingsBefore, settingsAfter));
      String path = perFile(live.paths().perUserDir(), name, liveFile, settingsAfter, user != null);
      boolean existsLive = old != null || liveFile != null;
      Action action =
          existsLive && user == null
              ? Action.DELETE
              : !existsLive && user != null
                  ? Action.CREATE
                  : existsLive && !attrs.isEmpty() ? Action.UPDATE : null;
      if (action != null) {
        List<String> touched = new ArrayList<>();
        if (old != null) {
          touched.add(live.root().display(paths.get(oldScope)));
        }
        if (neu != null && !Objects.equals(oldScope, newScope)) {
          touched.add(live.root().display(paths.get(newScope)));
        }
        if (path != null) {
          touched.add(path);
        }
        resources.add(new ResourceChange(Address.user(name), action, attrs, touched));
      }
    }
    for (Map.Entry<String, Path> file : paths.entrySet()) {
      planPasswdFile(file.getValue(), before.get(file.getKey()), entries.get(file.getKey()));
    }
  }

  /** The passwd file at {@code target} holding exactly {@code entries}, when that changes it. */
  private void planPasswdFile(Path target, PasswdFile before, List<PasswdEntry> entries) {
    PasswdFile after = before.withEntries(entries);
    boolean existed = !Fingerprint.isAbsent(live.fingerprints().get(target));
    String beforeText = existed ? before.render() : null;
    String afterText = after.render();
    if (!Objects.equals(beforeText, afterText) && (existed || !entries.isEmpty())) {
      files.add(
          new FileChange(
              live.root().display(target),
              target,
              beforeText,
              afterText,
              existed ? PasswdMask.masked(before, after, true) : null,
              PasswdMask.masked(after, before, false),
              true,
              PosixFilePermissions.fromString("rw-------")));
    }
  }

  /** The scope of a user's passwd line: its vhost when that vhost has a passwd file of its own. */
  private String scope(User user) {
    return user.vhost().filter(v -> live.paths().vhostPasswd().containsKey(v)).orElse("");
  }

  /**
   * Plans the per-user/per-group file for {@code name}; returns its display path when touched. The
   * file exists while it has settings, and an existing file is kept (edited) while its user or
   * group stays declared, even when it holds no settings (an empty file from the server must
   * round-trip).
   */
  private String perFile(
      Optional<Path> dir, String name, ConfigDocument liveFile, Settings after, boolean declared) {
    if (dir.isEmpty()) {
      if (!after.isEmpty()) {
        notes.add(
            "settings of \""
                + name
                + "\" need config-per-user/config-per-group in the server settings");
      }
      return null;
    }
    Path target = dir.get().resolve(name);
    String beforeText = liveFile == null ? null : liveFile.render();
    String afterText =
        after.isEmpty() && (liveFile == null || !declared)
            ? null
            : (liveFile == null ? ConfigDocument.empty() : liveFile).withSettings(after).render();
    if (Objects.equals(beforeText, afterText)) {
      return null;
    }
    fileChange(target, beforeText, afterText, false);
    return live.root().display(target);
  }

  private void fileChange(Path target, String before, String after, boolean sensitive) {
    if (Objects.equals(before, after)) {
      return;
    }
    files.add(
        new FileChange(
            live.root().display(target), target, before, after, before, after, sensitive, null));
  }

  /** For tests and renderers: every resource change keyed by address. */
  public static Map<String, ResourceChange> byAddress(Plan plan) {
    Map<String, ResourceChange> out = new java.util.LinkedHashMap<>();
    plan.resources().forEach(r -> out.put(r.address().toString(), r));
    return out;
  }
}
