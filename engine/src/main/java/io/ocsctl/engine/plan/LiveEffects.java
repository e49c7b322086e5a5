package io.ocsctl.engine.plan;

import io.ocsctl.schema.model.UserAttribute;
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
        Set<Effect> effects = EnumSet.noneOf(Effect.class);
        if (action == Action.DELETE) {
          effects.add(Effect.DISCONNECT);
        }
        for (AttributeChange a : attributes) {
          // a row that is no attribute's is an option of config-per-user/NAME
          var onChange =
              UserAttribute.ofPlanName(a.name())
                  .map(UserAttribute::onChange)
                  .orElse(UserAttribute.OnChange.NEXT_CONNECT);
          switch (onChange) {
            case DISCONNECT_WHEN_TRUE ->
                effects.add(
                    a.after().equals(List.of("true")) ? Effect.DISCONNECT : Effect.NEXT_CONNECT);
            case NEXT_CONNECT -> effects.add(Effect.NEXT_CONNECT);
            case NONE -> {}
          }
        }
        yield effects.contains(Effect.DISCONNECT) ? EnumSet.of(Effect.DISCONNECT) : effects;
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
