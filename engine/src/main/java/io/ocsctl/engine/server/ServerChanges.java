package io.ocsctl.engine.server;

import io.ocsctl.engine.plan.Action;
import io.ocsctl.engine.plan.AttributeChange;
import io.ocsctl.engine.plan.LiveEffects;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ResourceChange;
import io.ocsctl.schema.validate.OptionCatalogue;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan asks of the running server, by the same rules the plan shows ({@link LiveEffects}):
 * a reload, a full restart (and which changes need it), and the users whose sessions end.
 */
public record ServerChanges(boolean reload, List<String> restartReasons, List<String> usersToDisconnect) {
  public ServerChanges {
    restartReasons = List.copyOf(restartReasons);
    usersToDisconnect = List.copyOf(usersToDisconnect);
  }

  public boolean restart() {
    return !restartReasons.isEmpty();
  }

  public static ServerChanges of(Plan plan) {
    boolean reload = false;
    List<String> restart = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (ResourceChange r : plan.resources()) {
      List<String> effects = LiveEffects.of(r);
      reload |= effects.contains("reload");
      if (effects.contains("restart")) {
        restart.addAll(reasons(r));
      }
      if (effects.contains("disconnect")) {
        users.add(r.address().name());
      }
    }
    return new ServerChanges(reload && restart.isEmpty(), restart, users);
  }

  /** {@code tcp-port}, {@code vhost["x"]: auth}, {@code vhost["x"] added}: what makes this change need a restart. */
  private static List<String> reasons(ResourceChange r) {
    List<String> out = new ArrayList<>();
    String prefix = r.address().kind().equals("server") ? "" : r.address() + ": ";
    if (r.address().kind().equals("vhost") && r.action() != Action.UPDATE) {
      out.add(r.address() + (r.action() == Action.CREATE ? " added" : " removed"));
      return out;
    }
    for (AttributeChange a : r.attributes()) {
      if (OptionCatalogue.get(a.name()).map(o -> o.effect() == OptionCatalogue.Effect.RESTART).orElse(false)) {
        out.add(prefix + a.name());
      }
    }
    if (out.isEmpty()) {
      out.add(r.address().toString());
    }
    return out;
  }
}
