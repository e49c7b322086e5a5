package io.ocsctl.engine.server;

import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.occtl.BanEntry;
import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.providers.occtl.LiveSessions;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.Parsed;
import io.ocsctl.providers.occtl.Unban;
import io.ocsctl.providers.passwd.PasswdEntry;
import io.ocsctl.schema.model.Canary;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.RemovalPolicy;
import io.ocsctl.schema.model.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is connected, for a plan: {@code occtl show users} when the server answers, each connected
 * user with the groups it belongs to (its connection's group, its ocpasswd groups, its desired
 * groups); and, when the desired state has a {@code ban_allowlist}, the bans ({@code show ip bans})
 * it lifts. The canary's own logins (its user, docs/canary.md) are nobody's sessions and are left
 * out. Never fails: a server that cannot be asked is reported as not running, with why.
 */
public final class SessionSnapshot {
  private SessionSnapshot() {}

  public static LiveSessions take(
      LiveState live, DesiredState desired, ServerOptions options, Occtl.Factory client) {
    Path socket;
    try {
      socket = ServerConnection.socket(live, options);
    } catch (MalformedFileException e) {
      return LiveSessions.notRunning(
          List.of("the occtl socket path is unusable: " + e.getMessage()));
    }
    if (!Files.exists(socket)) {
      return LiveSessions.UNKNOWN; // nothing listens there: the server is not running
    }
    List<String> problems = new ArrayList<>();
    Occtl occtl;
    Parsed<List<ConnectedUser>> users;
    try {
      occtl = client.at(socket);
      problems.addAll(occtl.status().problems());
      users = occtl.users();
    } catch (OcctlException e) {
      return LiveSessions.notRunning(List.of(e.getMessage()));
    }
    users.problems().forEach(p -> problems.add("show users: " + p));
    Map<String, Integer> sessions = new HashMap<>();
    Map<String, Set<String>> groups = new HashMap<>();
    Optional<String> canary = desired.canary().map(Canary::user);
    for (ConnectedUser u : users.value()) {
      if (canary.isPresent() && canary.get().equals(u.user())) {
        continue; // the canary's own login (apply -verify, doctor -login) is nobody's session
      }
      sessions.merge(u.user(), 1, Integer::sum);
      Set<String> member = groups.computeIfAbsent(u.user(), k -> new HashSet<>());
      if (!u.group().isEmpty()) {
        member.add(u.group());
      }
      for (var file : live.passwdFiles().values()) {
        PasswdEntry entry = file.get(u.user());
        if (entry != null) {
          member.addAll(entry.groups());
        }
      }
      User declared = desired.users().get(u.user());
      if (declared != null) {
        member.addAll(declared.groups());
      }
    }
    boolean disconnect = policy(desired, options) == RemovalPolicy.DISCONNECT;
    List<Unban> unbans = unbans(occtl, desired, problems);
    return new LiveSessions(true, sessions, groups, disconnect, problems, unbans);
  }

  /** {@code -on-user-removal} when given, else {@code server.on_user_removal}, else disconnect. */
  static RemovalPolicy policy(DesiredState desired, ServerOptions options) {
    return options
        .onUserRemoval()
        .or(() -> desired.server().onUserRemoval())
        .orElse(RemovalPolicy.DISCONNECT);
  }

  /** The bans the allowlist lifts; occtl is asked only when there is an allowlist. */
  private static List<Unban> unbans(Occtl occtl, DesiredState desired, List<String> problems) {
    List<String> allowlist = desired.server().banAllowlist();
    if (allowlist.isEmpty()) {
      return List.of();
    }
    Parsed<List<BanEntry>> bans;
    try {
      bans = occtl.bans();
    } catch (OcctlException e) {
      problems.add("show ip bans: " + e.getMessage() + "; no ban is lifted");
      return List.of();
    }
    bans.problems().forEach(p -> problems.add("show ip bans: " + p));
    return BanAllowlist.unbans(allowlist, bans.value(), problems);
  }
}
