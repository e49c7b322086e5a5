package io.ocsctl.engine.server;

import io.ocsctl.engine.apply.SafeApply;
import io.ocsctl.engine.plan.Address;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlArgs;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.ServerStatus;
import io.ocsctl.providers.occtl.SystemdUnit;
import io.ocsctl.schema.load.DesiredStateLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What apply does to the running server once the new files are in place: {@code occtl reload}
 * (then checks that the same ocserv still answers), or {@code systemctl restart UNIT} when a change
 * needs a full restart and {@code -allow-restart} allows it; then {@code occtl disconnect user} for
 * each deleted or locked user, unless {@code on_user_removal = keep}. A failed reload or restart
 * throws, so the swap is rolled back; {@link #afterRollback} then reloads (or restarts) again so
 * the server runs the restored files. Failed disconnects are warnings: the files stay applied.
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
  private final List<String> disconnect;
  private final List<String> actions = new ArrayList<>();

  private LiveApply(Mode mode, Occtl occtl, long pid, SystemdUnit unit, List<String> disconnect, List<String> notes) {
    this.mode = mode;
    this.occtl = occtl;
    this.pid = pid;
    this.unit = unit;
    this.disconnect = List.copyOf(disconnect);
    this.actions.addAll(notes);
  }

  /**
   * Decides what the server needs, asking it (occtl) and systemd; refuses, before anything is
   * written, a restart that is not allowed or that ocsctl cannot perform.
   */
  public static LiveApply prepare(Plan plan, LiveState live, DesiredStateLoader.Loaded desired, Map<String, String> env,
      ServerOptions options) throws ServerRefusedException {
    ServerChanges changes = ServerChanges.of(plan);
    if (!changes.reload() && !changes.restart() && changes.usersToDisconnect().isEmpty()) {
      return new LiveApply(Mode.NONE, null, 0, null, List.of(), List.of());
    }
    Path socket;
    try {
      socket = ServerConnection.socket(live, options);
    } catch (MalformedFileException e) {
      throw new ServerRefusedException("the occtl socket path is unusable: " + e.getMessage());
    }
    String idle = "ocserv is not running (nothing answers on " + socket + "); it reads the new files when it starts";
    if (!Files.exists(socket)) {
      return new LiveApply(Mode.NONE, null, 0, null, List.of(), List.of(idle));
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
      return new LiveApply(Mode.NONE, null, 0, null, List.of(), List.of(idle + " (" + e.getMessage() + ")"));
    }
    Mode mode = changes.restart() ? Mode.RESTART : changes.reload() ? Mode.RELOAD : Mode.NONE;
    SystemdUnit unit = null;
    if (mode == Mode.RESTART) {
      unit = restartable(changes, status, options);
    }
    List<String> notes = new ArrayList<>();
    List<String> users = changes.usersToDisconnect();
    RemovalPolicy policy = users.isEmpty() ? RemovalPolicy.DISCONNECT
        : options.onUserRemoval().orElseGet(() -> RemovalPolicy.declared(desired));
    if (policy == RemovalPolicy.KEEP) {
      users.forEach(u -> notes.add("kept the sessions of " + Address.of("user", u) + " (on_user_removal = keep)"));
      users = List.of();
    }
    return new LiveApply(mode, occtl, status.serverPid(), unit, mode == Mode.RESTART ? List.of() : users, notes);
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
      unit = SystemdUnit.named(options.systemdUnit());
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
    for (String user : disconnect) {
      disconnect(user, warnings);
    }
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

  private void disconnect(String user, List<String> warnings) throws IOException {
    Address address = Address.of("user", user);
    try {
      List<ConnectedUser> sessions = sessionsOf(user);
      if (sessions.isEmpty()) {
        actions.add(address + " had no active session to disconnect");
        return;
      }
      if (isOcctlWord(user)) {
        occtl.disconnectUser(user);
      } else {
        for (ConnectedUser c : sessions) {
          occtl.disconnectId(String.valueOf(c.id()));
        }
      }
      long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      int left = sessions.size();
      while (left > 0 && System.nanoTime() < end) {
        pause(Duration.ofMillis(100));
        left = sessionsOf(user).size();
      }
      if (left > 0) {
        warnings.add(address + " still has " + left + " session(s) after occtl disconnect; end them with"
            + " 'occtl disconnect id ID' (see 'ocsctl sessions -user " + user + "')");
      } else {
        actions.add("disconnected " + address + " (" + sessions.size() + " session" + (sessions.size() == 1 ? "" : "s") + ")");
      }
    } catch (OcctlException e) {
      warnings.add("could not disconnect " + address + ": " + e.getMessage() + "; the files are applied,"
          + " end its sessions with 'occtl disconnect user " + user + "'");
    }
  }

  /** The connections of {@code user}, found by name, or in the full list when occtl cannot take the name. */
  private List<ConnectedUser> sessionsOf(String user) throws OcctlException {
    if (isOcctlWord(user)) {
      return occtl.user(user).value();
    }
    return occtl.users().value().stream().filter(c -> c.user().equals(user)).toList();
  }

  private static boolean isOcctlWord(String user) {
    try {
      OcctlArgs.user(user);
      return true;
    } catch (OcctlException e) {
      return false;
    }
  }

  private static void pause(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for ocserv", e);
    }
  }
}
