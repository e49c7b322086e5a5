package io.ocsctl.engine.server;

import io.ocsctl.engine.apply.SafeApply;
import io.ocsctl.engine.plan.Address;
import io.ocsctl.engine.plan.FirewallPolicies;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.ServerStatus;
import io.ocsctl.providers.occtl.SystemdUnit;
import io.ocsctl.providers.occtl.Unban;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.RemovalPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What apply does to the running server once the new files are in place: {@code occtl reload}
 * (then checks that the same ocserv still answers), or {@code systemctl restart UNIT} when a change
 * needs a full restart and {@code -allow-restart} allows it; then {@code occtl unban ip} for each
 * banned address in {@code server.ban_allowlist} (a restart has forgotten every ban); then
 * {@code occtl disconnect user} for each deleted or locked user, unless
 * {@code on_user_removal = keep}; then, with
 * {@code -reconnect-affected}, {@code occtl disconnect user} for each connected user whose firewall
 * rules the plan changes (ocserv-fw installs them at connect), else a note that they keep the old
 * rules until they reconnect. A failed reload or restart throws, so the swap is rolled back;
 * {@link #afterRollback} then reloads (or restarts) again so the server runs the restored files.
 * Failed unbans and disconnects are warnings: the files stay applied.
 * Everything that cannot work is refused by {@link #prepare} before any file is touched.
 */
public final class LiveApply implements SafeApply.AfterSwap {
  private enum Mode { NONE, RELOAD, RESTART }

  /** How long ocserv gets to act on a reload before it must still answer (it reloads asynchronously). */
  static final Duration SETTLE = Duration.ofMillis(400);
  private static final Duration RESTART_WAIT = Duration.ofSeconds(30);

  private final Mode mode;
  private final Occtl occtl;
  private final long pid;
  private final SystemdUnit unit;
  private final List<Unban> unbans;
  private final List<String> disconnect;
  private final FirewallSessions firewall;
  private final List<String> actions = new ArrayList<>();

  /**
   * Connected users whose firewall rules the plan changes: disconnected after the swap when
   * {@code reconnect}, else named in a closing note.
   */
  private record FirewallSessions(Map<String, Integer> sessions, boolean reconnect) {
    static final FirewallSessions NONE = new FirewallSessions(Map.of(), false);

    FirewallSessions {
      sessions = Collections.unmodifiableMap(new TreeMap<>(sessions));
    }

    /** {@code 2 sessions (alice, bob) keep the old firewall rules until they reconnect; use -reconnect-affected}. */
    Optional<String> keptNote() {
      if (reconnect || sessions.isEmpty()) {
        return Optional.empty();
      }
      int total = sessions.values().stream().mapToInt(Integer::intValue).sum();
      return Optional.of(FirewallPolicies.sessionCount(total) + " (" + String.join(", ", sessions.keySet()) + ") "
          + (total == 1 ? "keeps the old firewall rules until it reconnects"
              : "keep the old firewall rules until they reconnect") + "; use -reconnect-affected");
    }
  }

  private LiveApply(Mode mode, Occtl occtl, long pid, SystemdUnit unit, List<Unban> unbans, List<String> disconnect,
      FirewallSessions firewall, List<String> notes) {
    this.mode = mode;
    this.occtl = occtl;
    this.pid = pid;
    this.unit = unit;
    this.unbans = List.copyOf(unbans);
    this.disconnect = List.copyOf(disconnect);
    this.firewall = firewall;
    this.actions.addAll(notes);
  }

  private static LiveApply none(List<String> notes) {
    return new LiveApply(Mode.NONE, null, 0, null, List.of(), List.of(), FirewallSessions.NONE, notes);
  }

  /**
   * Decides what the server needs, asking it (occtl) and systemd; refuses, before anything is
   * written, a restart that is not allowed or that ocsctl cannot perform.
   */
  public static LiveApply prepare(Plan plan, LiveState live, DesiredState desired, Map<String, String> env,
      ServerOptions options) throws ServerRefusedException {
    ServerChanges changes = ServerChanges.of(plan);
    // who keeps firewall rules the plan changes: from the sessions occtl showed while this apply planned
    Map<String, Integer> firewalled = FirewallPolicies.affectedSessions(plan.resources(), plan.live());
    // the bans occtl listed while this apply planned
    List<Unban> unbans = plan.live().unbans();
    if (!changes.reload() && !changes.restart() && changes.usersToDisconnect().isEmpty() && firewalled.isEmpty()
        && unbans.isEmpty()) {
      return none(List.of());
    }
    Path socket;
    try {
      socket = ServerConnection.socket(live, options);
    } catch (MalformedFileException e) {
      throw new ServerRefusedException("the occtl socket path is unusable: " + e.getMessage());
    }
    String idle = "ocserv is not running (nothing answers on " + socket + "); it reads the new files when it starts";
    if (!Files.exists(socket)) {
      return none(List.of(idle));
    }
    Occtl occtl;
    ServerStatus status;
    try {
      occtl = Occtl.at(socket, env);
    } catch (OcctlException e) {
      throw new ServerRefusedException(e.getMessage() + "; ocserv's socket " + socket
          + " exists, and without occtl the running server cannot be reloaded");
    }
    try {
      status = occtl.status().value();
    } catch (OcctlException e) {
      return none(List.of(idle + " (" + e.getMessage() + ")"));
    }
    Mode mode = changes.restart() ? Mode.RESTART : changes.reload() ? Mode.RELOAD : Mode.NONE;
    SystemdUnit unit = null;
    if (mode == Mode.RESTART) {
      unit = restartable(changes, status, options);
    }
    List<String> notes = new ArrayList<>();
    List<String> users = changes.usersToDisconnect();
    if (SessionSnapshot.policy(desired, options) == RemovalPolicy.KEEP) {
      users.forEach(u -> notes.add("kept the sessions of " + Address.of("user", u) + " (on_user_removal = keep)"));
      users = List.of();
    }
    FirewallSessions firewall = mode == Mode.RESTART ? FirewallSessions.NONE
        : new FirewallSessions(firewalled, options.reconnectAffected());
    boolean restart = mode == Mode.RESTART;
    return new LiveApply(mode, occtl, status.serverPid(), unit, restart ? List.of() : unbans,
        restart ? List.of() : users, firewall, notes);
  }

  private static SystemdUnit restartable(ServerChanges changes, ServerStatus status, ServerOptions options)
      throws ServerRefusedException {
    String what = String.join(", ", changes.restartReasons());
    if (!options.allowRestart()) {
      throw new ServerRefusedException("the change needs a full restart of ocserv, which ends every VPN session ("
          + what + "); run apply again with -allow-restart to restart it through systemd unit '"
          + options.systemdUnit() + "', or apply while ocserv is stopped");
    }
    SystemdUnit unit;
    try {
      unit = SystemdUnit.named(options.systemdUnit(), options.systemd());
    } catch (OcctlException e) {
      throw new ServerRefusedException(e.getMessage() + "; give the unit that runs ocserv with -systemd-unit UNIT");
    }
    if (unit.mainPid().filter(p -> p == status.serverPid()).isEmpty()) {
      throw new ServerRefusedException("the change needs a full restart of ocserv (" + what + "), but ocserv (pid "
          + status.serverPid() + ") is not run by the systemd unit '" + unit.name() + "', so ocsctl cannot restart it;"
          + " stop ocserv (pid " + status.serverPid() + "), run this apply again, then start ocserv;"
          + " or name the unit that runs it with -systemd-unit UNIT");
    }
    return unit;
  }

  /** What was done to the server, one line each, for the command to show. */
  public List<String> actions() {
    return List.copyOf(actions);
  }

  @Override
  public List<String> run() throws IOException {
    if (mode == Mode.RELOAD) {
      reload();
      actions.add("occtl reload: ocserv (pid " + pid + ") re-read its configuration and still answers");
    } else if (mode == Mode.RESTART) {
      long now = restart();
      actions.add("restarted ocserv (systemctl restart " + unit.name() + "): pid " + pid + " is now pid " + now
          + "; every session ended");
    }
    List<String> warnings = new ArrayList<>();
    BanLifter lifter = new BanLifter(occtl);
    for (Unban unban : unbans) {
      lifter.lift(unban, actions, warnings);
    }
    SessionEnder ender = new SessionEnder(occtl);
    for (String user : disconnect) {
      ender.end(user, "", actions, warnings);
    }
    if (firewall.reconnect()) {
      for (String user : firewall.sessions().keySet()) {
        ender.end(user, ": its next login gets the new firewall rules", actions, warnings);
      }
    }
    firewall.keptNote().ifPresent(actions::add);
    return warnings;
  }

  @Override
  public List<String> afterRollback() {
    try {
      if (mode == Mode.RELOAD) {
        if (!occtl.answers()) {
          return List.of("ocserv (pid " + pid + ") no longer answers on " + occtl.socket()
              + "; start it again: the previous files are in place");
        }
        reload();
        return List.of("reloaded ocserv again: it runs the previous files");
      } else if (mode == Mode.RESTART) {
        restart();
        return List.of("restarted ocserv again (systemctl restart " + unit.name() + "): it runs the previous files");
      }
    } catch (IOException e) {
      return List.of("could not bring ocserv back onto the previous files: " + e.getMessage()
          + "; restart it by hand");
    }
    return List.of();
  }

  private void reload() throws IOException {
    try {
      occtl.reload();
    } catch (OcctlException e) {
      throw new IOException("occtl reload failed: " + e.getMessage(), e);
    }
    // a configuration ocserv cannot use makes it exit while reloading: it must answer, as the same process
    for (int check = 0; check < 2; check++) {
      pause(SETTLE);
      long now;
      try {
        now = occtl.status().value().serverPid();
      } catch (OcctlException e) {
        throw new IOException("ocserv stopped answering after occtl reload: " + e.getMessage(), e);
      }
      if (now != pid) {
        throw new IOException("after occtl reload another ocserv answers (pid " + now + ", was " + pid + ")");
      }
    }
  }

  private long restart() throws IOException {
    try {
      unit.restart(RESTART_WAIT);
    } catch (OcctlException e) {
      throw new IOException(e.getMessage(), e);
    }
    long end = System.nanoTime() + RESTART_WAIT.toNanos();
    while (System.nanoTime() < end) {
      try {
        long now = occtl.status().value().serverPid();
        if (now != pid) {
          return now;
        }
      } catch (OcctlException e) {
        // not up yet
      }
      pause(Duration.ofMillis(200));
    }
    throw new IOException("ocserv did not answer on " + occtl.socket() + " within " + RESTART_WAIT.toSeconds()
        + " s after systemctl restart " + unit.name());
  }

  static void pause(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for ocserv", e);
    }
  }
}
