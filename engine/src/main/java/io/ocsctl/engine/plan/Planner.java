package io.ocsctl.engine.plan;

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

  private Planner(DesiredState desired, LiveState live, Passwords passwords) {
    this.desired = desired;
    this.live = live;
    this.passwords = passwords;
  }

  public static Plan plan(
      DesiredState desired, LiveState live, Passwords passwords, String desiredFingerprint)
      throws Passwords.SecretUnavailableException {
    Planner planner = new Planner(desired, live, passwords);
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
  }

  private static Settings firewallSettings(Optional<Firewall> firewall) {
    return firewall.map(Firewall::toSettings).orElse(Settings.EMPTY);
  }

  private void planConfig() {
    ConfigDocument before = live.config();
    ConfigDocument after = renderConfig(desired, before);
    String confPath = live.root().display(live.paths().config());
    List<AttributeChange> serverAttrs = Diffs.settings(before.settings(), serverSettings(desired));
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
  }

  /** Server options plus the server's firewall policy, as written to ocserv.conf. */
  static Settings serverSettings(DesiredState desired) {
    return desired
        .server()
        .settings()
        .with(firewallSettings(desired.resolve(desired.server().firewall())));
  }

  /**
   * ocserv.conf as the desired state wants it, edited from {@code base} with minimal changes:
   * global options, then vhost sections (undeclared ones removed, new ones appended).
   */
  public static ConfigDocument renderConfig(DesiredState desired, ConfigDocument base) {
    ConfigDocument after = base.withSettings(serverSettings(desired));
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
      if (user != null && user.password().isPresent() && paths.containsKey(newScope)) {
        neu = new PasswdEntry(name, user.groups(), hashes.get(name), user.locked());
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
