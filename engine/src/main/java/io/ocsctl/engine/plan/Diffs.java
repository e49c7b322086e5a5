package io.ocsctl.engine.plan;

import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.validate.OptionCatalogue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Attribute-level differences between two sets of options. */
final class Diffs {
  private Diffs() {}

  /**
   * One change per key whose values differ, desired keys first in their order, then removed keys.
   */
  static List<AttributeChange> settings(Settings before, Settings after) {
    Set<String> keys = new LinkedHashSet<>(after.keys());
    keys.addAll(before.keys());
    List<AttributeChange> out = new ArrayList<>();
    for (String key : keys) {
      if (!before.get(key).equals(after.get(key))) {
        boolean list =
            OptionCatalogue.get(key).map(OptionCatalogue.Option::repeatable).orElse(false);
        out.add(new AttributeChange(key, before.get(key), after.get(key), false, list));
      }
    }
    return out;
  }
}
