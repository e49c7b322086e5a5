package io.ocsctl.engine.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares a saved plan with the plan computed again from the same inputs: every target path, every
 * byte before and after, every mode and every resource change must be the same. A difference is
 * described by paths and addresses only, never by content (the ocpasswd bytes are hashes).
 */
final class PlanComparison {
  private PlanComparison() {}

  static Optional<String> firstDifference(Plan saved, Plan recomputed) {
    List<FileChange> a = saved.files();
    List<FileChange> b = recomputed.files();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i >= a.size()) {
        return Optional.of(
            "it does not write " + b.get(i).path() + ", which the desired state changes");
      }
      if (i >= b.size()) {
        return Optional.of(
            "it writes " + a.get(i).target() + ", which the desired state does not change");
      }
      Optional<String> d = difference(a.get(i), b.get(i));
      if (d.isPresent()) {
        return d;
      }
    }
    if (!saved.resources().equals(recomputed.resources())) {
      return Optional.of(
          "its resource changes are not the ones the desired state gives"
              + firstResource(saved.resources(), recomputed.resources()));
    }
    if (!saved.notes().equals(recomputed.notes())) {
      return Optional.of("its notes are not the ones the desired state gives");
    }
    return Optional.empty();
  }

  private static Optional<String> difference(FileChange saved, FileChange now) {
    if (!saved.target().equals(now.target()) || !saved.path().equals(now.path())) {
      return Optional.of(
          "it writes " + saved.target() + " where the desired state writes " + now.target());
    }
    String what =
        !Objects.equals(saved.after(), now.after())
            ? "new content"
            : !Objects.equals(saved.before(), now.before())
                ? "old content"
                : !Objects.equals(saved.mode(), now.mode())
                    ? "mode"
                    : saved.sensitive() != now.sensitive()
                        ? "sensitivity"
                        : !Objects.equals(saved.shownBefore(), now.shownBefore())
                                || !Objects.equals(saved.shownAfter(), now.shownAfter())
                            ? "shown diff"
                            : null;
    return what == null
        ? Optional.empty()
        : Optional.of("the " + what + " of " + now.path() + " is not what the desired state gives");
  }

  private static String firstResource(List<ResourceChange> a, List<ResourceChange> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return " (first at " + b.get(i).address() + ")";
      }
    }
    return " (" + a.size() + " resources where the desired state gives " + b.size() + ")";
  }
}
