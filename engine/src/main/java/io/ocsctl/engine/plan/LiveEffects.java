package io.ocsctl.engine.plan;

import io.ocsctl.schema.validate.OptionCatalogue;
import java.util.ArrayList;
import java.util.List;

/**
 * What a resource change does to the running server, for reviewers: {@code restart} (an option
 * ocserv reads only at start), {@code reload}, {@code disconnect} (a removed or locked user loses
 * its sessions), {@code next-connect} (per-user/-group settings apply at the next login).
 */
public final class LiveEffects {
  private LiveEffects() {}

  public static List<String> of(ResourceChange change) {
    List<String> effects = new ArrayList<>();
    String kind = change.address().kind();
    if (kind.equals("server") || kind.equals("vhost")) {
      boolean restart = kind.equals("vhost") && change.action() != Action.UPDATE;
      for (AttributeChange a : change.attributes()) {
        restart |= OptionCatalogue.get(a.name()).map(o -> o.effect() == OptionCatalogue.Effect.RESTART).orElse(false);
      }
      effects.add(restart ? "restart" : "reload");
    } else if (kind.equals("user")) {
      boolean locks = change.attributes().stream()
          .anyMatch(a -> a.name().equals("locked") && a.after().equals(List.of("true")));
      if (change.action() == Action.DELETE || locks) {
        effects.add("disconnect");
      } else if (change.attributes().stream().anyMatch(a -> !a.name().equals("password"))) {
        effects.add("next-connect");
      }
    } else if (kind.equals("group") || kind.equals("firewall_policy")) {
      effects.add("next-connect");
    }
    return effects;
  }
}
