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
 * applied, in which case everything that differs from the desired state counts as drift.
 */
public record DriftReport(
    Optional<String> baseline,
    List<ResourceChange> drifted,
    List<ResourceChange> pending,
    List<String> notes,
    Server server) {
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
    this(baseline, drifted, pending, notes, Server.UNKNOWN);
  }

  /**
   * The running server as occtl sees it. {@code expected}: the config turns occtl on, so a server
   * that does not answer is down, which a drift check reports like any other hand change.
   */
  public record Server(boolean expected, boolean up, int connectedUsers, String detail) {
    public static final Server UNKNOWN = new Server(false, false, 0, "");

    public boolean down() {
      return expected && !up;
    }
  }

  public DriftReport withServer(Server server) {
    return new DriftReport(baseline, drifted, pending, notes, server);
  }

  /**
   * 0 in sync, 2 drift (including a server that is down), 4 pending only (DESIGN.md exit codes).
   */
  public int exitCode() {
    return !drifted.isEmpty() || server.down() ? 2 : !pending.isEmpty() ? 4 : 0;
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
