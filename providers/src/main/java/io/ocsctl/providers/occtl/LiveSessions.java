package io.ocsctl.providers.occtl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is connected to the running server, as a plan needs it: connections per user and the groups
 * each connected user belongs to (by its connection, its ocpasswd line and the desired state).
 * {@code running} is false when ocserv did not answer (then nothing else is known); {@code
 * disconnectOnRemoval} is the {@code on_user_removal} policy apply will follow; {@code problems}
 * says what occtl printed that could not be read; {@code unbans} are the banned addresses the
 * desired state's {@code ban_allowlist} covers.
 */
public record LiveSessions(
    boolean running,
    Map<String, Integer> sessionsByUser,
    Map<String, Set<String>> groupsByUser,
    boolean disconnectOnRemoval,
    List<String> problems,
    List<Unban> unbans) {
  /** The server was not asked or did not answer. */
  public static final LiveSessions UNKNOWN =
      new LiveSessions(false, Map.of(), Map.of(), true, List.of());

  public LiveSessions {
    sessionsByUser = Collections.unmodifiableMap(new TreeMap<>(sessionsByUser));
    TreeMap<String, Set<String>> groups = new TreeMap<>();
    groupsByUser.forEach(
        (user, set) -> groups.put(user, Collections.unmodifiableSet(new TreeSet<>(set))));
    groupsByUser = Collections.unmodifiableMap(groups);
    problems = List.copyOf(problems);
    unbans = List.copyOf(unbans);
  }

  /** Sessions without bans to lift. */
  public LiveSessions(
      boolean running,
      Map<String, Integer> sessionsByUser,
      Map<String, Set<String>> groupsByUser,
      boolean disconnectOnRemoval,
      List<String> problems) {
    this(running, sessionsByUser, groupsByUser, disconnectOnRemoval, problems, List.of());
  }

  /** A server that does not answer, with why when that is worth saying. */
  public static LiveSessions notRunning(List<String> problems) {
    return new LiveSessions(false, Map.of(), Map.of(), true, problems);
  }

  public int sessions(String user) {
    return sessionsByUser.getOrDefault(user, 0);
  }

  /** {@code "2 active sessions"}, {@code "1 active session"}, {@code "no active session"}. */
  public String describeSessions(String user) {
    int n = sessions(user);
    return n == 0 ? "no active session" : n + " active session" + (n == 1 ? "" : "s");
  }

  /** Connected users that belong to {@code group}, sorted, each as {@code "alice (1 session)"}. */
  public List<String> connectedMembers(String group) {
    List<String> out = new ArrayList<>();
    sessionsByUser.forEach(
        (user, n) -> {
          if (n > 0 && groupsByUser.getOrDefault(user, Set.of()).contains(group)) {
            out.add(user + " (" + n + " session" + (n == 1 ? "" : "s") + ")");
          }
        });
    return out;
  }
}
