package io.ocsctl.engine.plan;

import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.model.UserAttribute;
import io.ocsctl.schema.validate.OptionCatalogue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Attribute-level differences between two sets of options, or two passwd lines of a user. */
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

  /**
   * The rows of a user's passwd line that differ, as each {@link UserAttribute} declares its row:
   * {@code before}/{@code after} are the user as the line describes it (null: no line). A side
   * without a line counts as the default value, and shows as empty.
   */
  private static final User UNSET = User.builder("").build();

  static List<AttributeChange> user(User before, User after) {
    User unset = UNSET;
    List<AttributeChange> out = new ArrayList<>();
    for (UserAttribute a : UserAttribute.planRows()) {
      if (a.row() == UserAttribute.Row.MOVE && (before == null || after == null)) {
        continue;
      }
      List<String> was = a.planValue(before == null ? unset : before);
      List<String> will = a.planValue(after == null ? unset : after);
      if (was.equals(will)) {
        continue;
      }
      out.add(
          a.row() == UserAttribute.Row.SECRET
              ? AttributeChange.secret(a.planName(), before != null, after != null)
              : new AttributeChange(
                  a.planName(),
                  before == null ? List.of() : was,
                  after == null ? List.of() : will,
                  false,
                  a.row() == UserAttribute.Row.LIST));
    }
    return out;
  }
}
