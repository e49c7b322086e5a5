package io.ocsctl.engine.plan;

import io.ocsctl.schema.validate.OptionCatalogue;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Decides the {@link Effect}s of one resource change, once, when the change is made. */
final class LiveEffects {
  private LiveEffects() {}

  static Set<Effect> of(Address address, Action action, List<AttributeChange> attributes) {
    return switch (address.kind()) {
      case SERVER, VHOST -> {
        boolean restart = address.kind() == Address.Kind.VHOST && action != Action.UPDATE;
        for (AttributeChange a : attributes) {
          restart |= needsRestart(a.name());
        }
        yield EnumSet.of(restart ? Effect.RESTART : Effect.RELOAD);
      }
      case USER -> {
        boolean locks =
            attributes.stream()
                .anyMatch(a -> a.name().equals("locked") && a.after().equals(List.of("true")));
        if (action == Action.DELETE || locks) {
          yield EnumSet.of(Effect.DISCONNECT);
        }
        boolean settings = attributes.stream().anyMatch(a -> !a.name().equals("password"));
        yield settings ? EnumSet.of(Effect.NEXT_CONNECT) : EnumSet.noneOf(Effect.class);
      }
      case GROUP, FIREWALL_POLICY -> EnumSet.of(Effect.NEXT_CONNECT);
    };
  }

  static boolean needsRestart(String option) {
    return OptionCatalogue.get(option)
        .map(o -> o.effect() == OptionCatalogue.Effect.RESTART)
        .orElse(false);
  }
}
