package io.ocsctl.engine.server;

import io.ocsctl.engine.apply.SafeApply;
import io.ocsctl.engine.plan.Address;
import io.ocsctl.engine.plan.FirewallPolicies;
import io.ocsctl.engine.plan.Guard;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ServerAction;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.ServerStatus;
import io.ocsctl.providers.occtl.SystemdUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What apply does to the running server once the new files are in place: {@code occtl reload} (then
 * checks that the same ocserv still answers), or {@code systemctl restart UNIT} when a change needs
 * a full restart and {@code -allow-restart} allows it; then {@code occtl unban ip} for each banned
 * address in {@code server.ban_allowlist} (a restart has forgotten every ban); then {@code occtl
 * disconnect user} for each deleted or locked user, unless {@code on_user_removal = keep}; then,
 * with {@code -reconnect-affected}, {@code occtl disconnect user} for each connected user whose
 * firewall rules the plan changes (ocserv-fw installs them at connect), else a note that they keep
 * the old rules until they reconnect. A failed reload or restart throws, so the swap is rolled
 * back; {@link #afterRollback} then reloads (or restarts) again so the server runs the restored
 * files. Failed unbans and disconnects are warnings: the files stay applied. Everything that cannot
 * work is refused by {@link #prepare} before any file is touched.
 */
public final class LiveApply implements SafeApply.AfterSwap {
  /**
   * How long ocserv gets to act on a reload before it must still answer (it reloads
   * asynchronously).
   */
  static final Duration SETTLE = Duration.ofMillis(400);

  private static final Duration RESTART_WAIT = Duration.ofSeconds(30);

  private final List<ServerAction> work;
  private final Occtl occtl;
  private final long pid;
  private final SystemdUnit unit;
  private final boolean reconnect;
  private final List<String> actions = new ArrayList<>();

  private LiveApply(
      List<ServerAction> work,
      Occtl occtl,
      long pid,
      SystemdUnit unit,
      boolean reconnect,
      List<String> notes) {
    this.work = List.copyOf(work);
    this.occtl = occtl;
    this.pid = pid;
    this.unit = unit;
    this.reconnect = reconnect;
    this.actions.addAll(notes);
  }

  private static LiveApply none(List<String> notes) {
    return new LiveApply(List.of(), null, 0, null, false, notes);
  }

  /**
   * Connects to the server for the plan's {@link ServerAction}s (occtl, and systemd for a restart);
   * refuses, before anything is written, a restart that is not allowed or that ocsctl cannot
   * perform. {@code client} opens occtl on a socket (the real occtl, or a test's fake).
   */
  public static LiveApply prepare(
      Plan plan, LiveState live, ServerOptions options, Occtl.Factory client)
      throws ServerRefusedException {
    List<ServerAction> work =
        plan.actions().stream()
            // nothing to run for the next connect; the canary's login is canary/Verified's
            .filter(
                a -> !(a instanceof ServerAction.NextConnect || a instanceof ServerAction.Canary))
            .toList();
    if (work.isEmpty()) {
      return none(List.of());
    }
    Path socket;
    try {
      socket = ServerConnection.socket(live, options);
    } catch (MalformedFileException e) {
      throw new ServerRefusedException("the occtl socket path is unusable: " + e.getMessage());
    }
    String idle =
        "ocserv is not running (nothing answers on "
            + socket
            + "); it reads the new files when it starts";
    if (!Files.exists(socket)) {
      return none(List.of(idle));
    }
    Occtl occtl;
    ServerStatus status;
    try {
      occtl = client.at(socket);
    } catch (OcctlException e) {
      throw new ServerRefusedException(
          e.getMessage()
              + "; ocserv's socket "
              + socket
              + " exists, and without occtl the running server cannot be reloaded");
    }
    try {
      status = occtl.status().value();
    } catch (OcctlException e) {
      return none(List.of(idle + " (" + e.getMessage() + ")"));
    }
    Optional<Guard.RestartNeeded> restart = plan.guard(Guard.RestartNeeded.class);
    SystemdUnit unit =
        restart.isPresent() ? restartable(restart.get().reasons(), status, options) : null;
    List<String> notes = new ArrayList<>();
    for (ServerAction.KeepSessions keep : plan.actionsOf(ServerAction.KeepSessions.class)) {
      notes.add("kept the sessions of " + Address.user(keep.user()) + " (on_user_removal = keep)");
    }
    return new LiveApply(work, occtl, status.serverPid(), unit, options.reconnectAffected(), notes);
  }

  private static SystemdUnit restartable(
      List<String> reasons, ServerStatus status, ServerOptions options)
      throws ServerRefusedException {
    String what = String.join(", ", reasons);
    if (!options.allowRestart()) {
      throw new ServerRefusedException(
          "the change needs a full restart of ocserv, which ends every VPN session ("
              + what
              + "); run apply again with -allow-restart to restart it through systemd unit '"
              + options.systemdUnit()
              + "', or apply while ocserv is stopped");
    }
    SystemdUnit unit;
    try {
      unit = SystemdUnit.named(options.systemdUnit(), options.systemd());
    } catch (OcctlException e) {
      throw new ServerRefusedException(
          e.getMessage() + "; give the unit that runs ocserv with -systemd-unit UNIT");
    }
    if (unit.mainPid().filter(p -> p == status.serverPid()).isEmpty()) {
      throw new ServerRefusedException(
          "the change needs a full restart of ocserv ("
              + what
              + "), but ocserv (pid "
              + status.serverPid()
              + ") is not run by the systemd unit '"
              + unit.name()
              + "', so ocsctl cannot restart it;"
              + " stop ocserv (pid "
              + status.serverPid()
              + "), run this apply again, then start ocserv;"
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
    List<String> warnings = new ArrayList<>();
    BanLifter lifter = new BanLifter(occtl);
    SessionEnder ender = new SessionEnder(occtl);
    for (ServerAction action : work) {
      if (action instanceof ServerAction.Reload) {
        reload();
        actions.add(
            "occtl reload: ocserv (pid " + pid + ") re-read its configuration and still answers");
      } else if (action instanceof ServerAction.Restart) {
        long now = restart();
        actions.add(
            "restarted ocserv (systemctl restart "
                + unit.name()
                + "): pid "
                + pid
                + " is now pid "
                + now
                + "; every session ended");
      } else if (action instanceof ServerAction.LiftBan ban) {
        lifter.lift(ban.unban(), actions, warnings);
      } else if (action instanceof ServerAction.Disconnect d && !d.endedByRestart()) {
        ender.end(d.user(), "", actions, warnings);
      } else if (action instanceof ServerAction.FirewallSessions f) {
        firewall(f, ender, warnings);
      }
    }
    return warnings;
  }

  /**
   * With -reconnect-affected the sessions are ended so they log in under the new rules; else a note
   * says who keeps the old ones.
   */
  private void firewall(ServerAction.FirewallSessions f, SessionEnder ender, List<String> warnings)
      throws IOException {
    if (reconnect) {
      for (String user : f.sessions().keySet()) {
        ender.end(user, ": its next login gets the new firewall rules", actions, warnings);
      }
      return;
    }
    int total = f.total();
    actions.add(
        FirewallPolicies.sessionCount(total)
            + " ("
            + String.join(", ", f.sessions().keySet())
            + ") "
            + (total == 1
                ? "keeps the old firewall rules until it reconnects"
                : "keep the old firewall rules until they reconnect")
            + "; use -reconnect-affected");
  }

  @Override
  public List<String> afterRollback() {
    try {
      if (has(ServerAction.Reload.class)) {
        if (!occtl.answers()) {
          return List.of(
              "ocserv (pid "
                  + pid
                  + ") no longer answers on "
                  + occtl.socket()
                  + "; start it again: the previous files are in place");
        }
        reload();
        return List.of("reloaded ocserv again: it runs the previous files");
      } else if (has(ServerAction.Restart.class)) {
        restart();
        return List.of(
            "restarted ocserv again (systemctl restart "
                + unit.name()
                + "): it runs the previous files");
      }
    } catch (IOException e) {
      return List.of(
          "could not bring ocserv back onto the previous files: "
              + e.getMessage()
              + "; restart it by hand");
    }
    return List.of();
  }

  private boolean has(Class<? extends ServerAction> type) {
    return work.stream().anyMatch(type::isInstance);
  }

  private void reload() throws IOException {
    try {
      occtl.reload();
    } catch (OcctlException e) {
      throw new IOException("occtl reload failed: " + e.getMessage(), e);
    }
    // a configuration ocserv cannot use makes it exit while reloading: it must answer, as the same
    // process
    for (int check = 0; check < 2; check++) {
      pause(SETTLE);
      long now;
      try {
        now = occtl.status().value().serverPid();
      } catch (OcctlException e) {
        throw new IOException("ocserv stopped answering after occtl reload: " + e.getMessage(), e);
      }
      if (now != pid) {
        throw new IOException(
            "after occtl reload another ocserv answers (pid " + now + ", was " + pid + ")");
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
    throw new IOException(
        "ocserv did not answer on "
            + occtl.socket()
            + " within "
            + RESTART_WAIT.toSeconds()
            + " s after systemctl restart "
            + unit.name());
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
