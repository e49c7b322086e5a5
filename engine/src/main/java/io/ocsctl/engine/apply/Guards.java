package io.ocsctl.engine.apply;

import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ResourceChange;
import java.util.Optional;

/**
 * The guard against the typo that deletes everyone: a plan that destroys at least 5 users and
 * more than 10% of them, or every user, or a vhost, needs {@code -allow-mass-destroy}.
 */
public final class Guards {
  private Guards() {}

  public static Optional<String> massDestroy(Plan plan, int liveUsers) {
    long users = plan.resources().stream()
        .filter(r -> r.action() == Action.DELETE && r.address().kind().equals("user")).count();
    long vhosts = plan.resources().stream()
        .filter(r -> r.action() == Action.DELETE && r.address().kind().equals("vhost")).count();
    if (liveUsers > 0 && users == liveUsers) {
      return Optional.of("the plan destroys every user (" + users + ")");
    }
    if (users >= 5 && users * 10 > liveUsers) {
      return Optional.of("the plan destroys " + users + " of " + liveUsers + " users (more than 10%)");
    }
    if (vhosts > 0) {
      return Optional.of("the plan destroys " + vhosts + " vhost" + (vhosts > 1 ? "s" : "") + ": "
          + String.join(", ", plan.resources().stream()
              .filter(r -> r.action() == Action.DELETE && r.address().kind().equals("vhost"))
              .map(ResourceChange::address).map(Object::toString).toList()));
    }
    return Optional.empty();
  }
}
