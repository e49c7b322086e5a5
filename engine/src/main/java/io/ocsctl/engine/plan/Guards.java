package io.ocsctl.engine.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides a plan's {@link Guard}s: a plan that destroys at least 5 users and more than 10% of them,
 * or every user, or a vhost, needs {@code -allow-mass-destroy}; one that restarts ocserv needs
 * {@code -allow-restart} while ocserv runs.
 */
public final class Guards {
  private Guards() {}

  /** The guards of {@code resources} against a live tree of {@code liveUsers} ocpasswd users. */
  public static List<Guard> of(List<ResourceChange> resources, int liveUsers) {
    List<Guard> out = new ArrayList<>();
    massDestroy(resources, liveUsers).ifPresent(reason -> out.add(new Guard.MassDestroy(reason)));
    List<String> restart = ServerActions.restartReasons(resources);
    if (!restart.isEmpty()) {
      out.add(new Guard.RestartNeeded(restart));
    }
    return out;
  }

  static java.util.Optional<String> massDestroy(List<ResourceChange> resources, int liveUsers) {
    List<String> vhosts = deleted(resources, Address.Kind.VHOST);
    long users = deleted(resources, Address.Kind.USER).size();
    if (liveUsers > 0 && users == liveUsers) {
      return java.util.Optional.of("the plan destroys every user (" + users + ")");
    }
    if (users >= 5 && users * 10 > liveUsers) {
      return java.util.Optional.of(
          "the plan destroys " + users + " of " + liveUsers + " users (more than 10%)");
    }
    if (!vhosts.isEmpty()) {
      return java.util.Optional.of(
          "the plan destroys "
              + vhosts.size()
              + " vhost"
              + (vhosts.size() > 1 ? "s" : "")
              + ": "
              + String.join(", ", vhosts));
    }
    return java.util.Optional.empty();
  }

  private static List<String> deleted(List<ResourceChange> resources, Address.Kind kind) {
    return resources.stream()
        .filter(r -> r.action() == Action.DELETE && r.address().kind() == kind)
        .map(r -> r.address().toString())
        .toList();
  }
}
