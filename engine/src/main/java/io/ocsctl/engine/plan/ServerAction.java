package io.ocsctl.engine.plan;

import io.ocsctl.providers.occtl.Unban;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One thing apply does to the running server besides writing files, decided with the plan ({@link
 * ServerActions#decide}) and executed as it stands by the live apply. {@link #shown} is the line
 * every plan format prints for it (empty for an action a reviewer need not see).
 */
public sealed interface ServerAction {
  Optional<String> shown();

  /** {@code occtl reload}: ocserv re-reads its configuration. */
  record Reload() implements ServerAction {
    public Optional<String> shown() {
      return Optional.of("occtl reload");
    }
  }

  /**
   * A full restart through systemd, for the changes named in {@code reasons}; it ends every session
   * and ban.
   */
  record Restart(List<String> reasons) implements ServerAction {
    public Restart {
      reasons = List.copyOf(reasons);
    }

    public Optional<String> shown() {
      return Optional.of("restart ocserv (an option read only at start changes)");
    }
  }

  /** {@code occtl unban ip}: a banned address that {@code server.ban_allowlist} covers. */
  record LiftBan(Unban unban) implements ServerAction {
    public Optional<String> shown() {
      return Optional.of(unban.describe());
    }
  }

  /**
   * Ends the sessions of a deleted or locked user. {@code sessions} is empty when the server was
   * not asked; {@code endedByRestart} when the plan's restart ends them anyway (nothing to run).
   */
  record Disconnect(String user, Optional<String> sessions, boolean endedByRestart)
      implements ServerAction {
    public Optional<String> shown() {
      return Optional.of(
          "disconnect " + Address.user(user) + sessions.map(s -> " (" + s + ")").orElse(""));
    }
  }

  /** A deleted or locked user whose sessions {@code on_user_removal = keep} leaves connected. */
  record KeepSessions(String user, int sessions, String described) implements ServerAction {
    public Optional<String> shown() {
      return sessions == 0
          ? Optional.empty()
          : Optional.of(
              "keep "
                  + Address.user(user)
                  + " connected ("
                  + described
                  + "; on_user_removal = keep)");
    }
  }

  /**
   * A group whose new settings its connected members get at their next connect (nothing to run).
   */
  record NextConnect(String group, List<String> members) implements ServerAction {
    public NextConnect {
      members = List.copyOf(members);
    }

    public Optional<String> shown() {
      return Optional.of(
          Address.group(group)
              + " changes apply at the next connect of its connected members: "
              + String.join(", ", members));
    }
  }

  /**
   * Connected users (with their session counts) whose firewall rules the plan changes: ocserv-fw
   * installs rules at connect, so they keep the old ones until they reconnect, or until apply
   * {@code -reconnect-affected} disconnects them.
   */
  record FirewallSessions(Map<String, Integer> sessions) implements ServerAction {
    public FirewallSessions {
      sessions = Collections.unmodifiableMap(new TreeMap<>(sessions));
    }

    public int total() {
      return sessions.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Optional<String> shown() {
      int total = total();
      return Optional.of(
          "firewall rules change for "
              + total
              + " live "
              + (total == 1 ? "session" : "sessions")
              + ": "
              + FirewallPolicies.describe(sessions)
              + "; connected users keep the old rules until they reconnect"
              + " (apply -reconnect-affected disconnects them)");
    }
  }

  /**
   * {@code apply -verify}: after every other action, the canary logs in with openconnect as {@code
   * user} at {@code connect}; the tunnel must come up with {@code expectRoutes} and {@code
   * expectDns} pushed, or the change is rolled back. Always the last action.
   */
  record Canary(String user, String connect, List<String> expectRoutes, List<String> expectDns)
      implements ServerAction {
    public Canary {
      expectRoutes = List.copyOf(expectRoutes);
      expectDns = List.copyOf(expectDns);
    }

    public Optional<String> shown() {
      List<String> expects = new java.util.ArrayList<>();
      if (!expectRoutes.isEmpty()) {
        expects.add("routes " + String.join(", ", expectRoutes));
      }
      if (!expectDns.isEmpty()) {
        expects.add("DNS " + String.join(", ", expectDns));
      }
      return Optional.of(
          "canary: log in as "
              + Address.user(user)
              + " at "
              + connect
              + " with openconnect"
              + (expects.isEmpty() ? "" : ", expecting " + String.join("; ", expects))
              + "; a failed check restores the previous files");
    }
  }
}
