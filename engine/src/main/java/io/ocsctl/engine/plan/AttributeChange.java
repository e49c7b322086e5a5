package io.ocsctl.engine.plan;

import java.util.List;

/**
 * One attribute of a resource before and after. Lists (routes, DNS) keep every element so that
 * renderers can show them element by element. A sensitive attribute's values are never shown.
 */
public record AttributeChange(
    String name, List<String> before, List<String> after, boolean sensitive, boolean list) {
  public AttributeChange {
    before = List.copyOf(before);
    after = List.copyOf(after);
  }

  public static AttributeChange secret(String name, boolean hadBefore, boolean hasAfter) {
    return new AttributeChange(
        name,
        hadBefore ? List.of("(sensitive)") : List.of(),
        hasAfter ? List.of("(sensitive)") : List.of(),
        true,
        false);
  }
}
