package io.ocsctl.engine.drift;

import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.Address;
import io.ocsctl.engine.plan.ResourceChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code ocsctl drift} found. {@code drifted}: the live server differs from the last applied
 * revision (someone changed it by hand), as the changes that would take the server back to that
 * revision. {@code pending}: the desired state differs from the last applied revision (reviewed,
 * not yet applied). {@code baseline} is the revision compared with; empty when nothing was ever
 * applied, in which case everything that differs from the desired state counts as drift. {@code
 * expiringSoon} is how many accounts of the desired state end within a week (docs/lifecycle.md),
 * for the metrics: counted by the full check, kept in its stamp.
 */
public record DriftReport(
    Optional<String> baseline,
    List<ResourceChange> drifted,
    List<ResourceChange> pending,
    List<String> notes,
    Server server,
    int expiringSoon) {
  public DriftReport {
    drifted = List.copyOf(drifted);
    pending = List.copyOf(pending);
    notes = List.copyOf(notes);
  }

  public DriftReport(
      Optional<String> baseline,
      List<ResourceChange> drifted,
      List<ResourceChange> pending,
      List<String> notes) {
    this(baseline, drifted, pending, notes, Server.UNKNOWN, 0);
  }

  /**
   * The running server as occtl sees it, when the config turns occtl on ({@code use-occtl = true}).
   * A server that should answer and does not is reported apart from drift: it is an outage, not a
   * change by hand.
   */
  public record Server(State state, int connectedUsers, String detail) {
    public static final Server UNKNOWN = new Server(State.NOT_ASKED, 0, "");

    public Server {
      java.util.Objects.requireNonNull(state, "state");
      detail = detail == null ? "" : detail;
    }

    /** Whether ocsctl_server_up is known: the server was asked and is expected here. */
    public boolean expected() {
      return state == State.UP || state == State.DOWN;
    }

    public boolean up() {
      return state == State.UP;
    }

    public boolean down() {
      return state == State.DOWN;
    }
  }

  /** What the server check found. */
  public enum State {
    /** No check: occtl is off in the config, or {@code -no-server-check}. */
    NOT_ASKED,
    /** ocserv answers on its occtl socket. */
    UP,
    /**
     * ocserv should run here (the host's own root, or a socket file is left) and does not answer.
     */
    DOWN,
    /** A copy of a tree under another root with no socket at all: no server runs for it. */
    NOT_HERE,
    /** occtl itself could not be run or the config could not say where the socket is. */
    NOT_CHECKED
  }

  public DriftReport withServer(Server server) {
    return new DriftReport(baseline, drifted, pending, notes, server, expiringSoon);
  }

  public DriftReport withExpiringSoon(int count) {
    return new DriftReport(baseline, drifted, pending, notes, server, count);
  }

  /** Exit code of ocsctl drift for a server that should answer occtl and does not. */
  public static final int SERVER_DOWN = 5;

  /**
   * 0 in sync, 2 drift, 5 the server does not answer (no drift), 4 pending only. Drift wins: a hand
   * change is a security signal whatever else holds; an outage comes before unapplied changes.
   */
  public int exitCode() {
    return !drifted.isEmpty() ? 2 : server.down() ? SERVER_DOWN : !pending.isEmpty() ? 4 : 0;
  }

  /** How a drifted resource changed on the server, read from the change that would revert it. */
  public static String howChanged(ResourceChange revert) {
    return switch (revert.action()) {
      case DELETE -> "added outside ocsctl";
      case CREATE -> "removed outside ocsctl";
      case UPDATE -> "changed outside ocsctl";
    };
  }

  /** The symbol of how the live server changed: the inverse of the reverting action. */
  public static String symbol(ResourceChange revert) {
    return revert.action() == Action.DELETE ? "+" : revert.action() == Action.CREATE ? "-" : "~";
  }

  public static Map<String, Integer> countByKind(List<ResourceChange> changes) {
    Map<String, Integer> out = new TreeMap<>();
    for (Address.Kind kind : Address.Kind.values()) {
      out.put(kind.label, 0);
    }
    changes.forEach(c -> out.merge(c.address().kind().label, 1, Integer::sum));
    return out;
  }
}
