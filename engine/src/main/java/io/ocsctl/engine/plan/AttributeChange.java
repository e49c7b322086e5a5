package io.ocsctl.engine.plan;

import java.util.List;

/**
 * One attribute of a resource before and after. Lists (routes, DNS) keep every element so that
 * renderers can show them element by element. A sensitive attribute's values are never shown.
 * {@code why} says what the desired state does not show itself, e.g. {@code expired 2027-01-31} for
 * a lock an expiry causes; empty for none.
 */
public record AttributeChange(
    String name,
    List<String> before,
    List<String> after,
    boolean sensitive,
    boolean list,
    String why) {
  public AttributeChange {
    before = List.copyOf(before);
    after = List.copyOf(after);
    why = why == null ? "" : why;
  }

  public AttributeChange(
      String name, List<String> before, List<String> after, boolean sensitive, boolean list) {
    this(name, before, after, sensitive, list, "");
  }

  /** This change, saying {@code why}. */
  public AttributeChange because(String why) {
    return new AttributeChange(name, before, after, sensitive, list, why);
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
