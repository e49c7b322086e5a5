package io.ocsctl.engine.importer;

import io.ocsctl.providers.live.LiveState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What import found in the live files that ocserv reads differently from how it looks, or not at
 * all: sections ocserv skips with their options, ocpasswd lines it never matches, and files in the
 * per-user and per-group directories that are no user's or group's.
 */
final class LiveNotes {
  private LiveNotes() {}

  static List<String> of(LiveState live) {
    List<String> out = new ArrayList<>();
    String conf = live.root().display(live.paths().config());
    for (Map.Entry<String, List<Integer>> skipped : live.config().skippedSections().entrySet()) {
      out.add(
          conf
              + ": ocserv skips the section ["
              + skipped.getKey()
              + "]"
              + (skipped.getValue().isEmpty()
                  ? ""
                  : " and its options (line"
                      + (skipped.getValue().size() == 1 ? " " : "s ")
                      + lines(skipped.getValue())
                      + ")")
              + "; ocsctl keeps them as they are and does not manage them");
    }
    out.addAll(live.passwd().notes());
    out.addAll(live.unmanaged());
    return out;
  }

  private static String lines(List<Integer> lines) {
    return lines.size() <= 5
        ? String.join(", ", lines.stream().map(String::valueOf).toList())
        : lines.get(0) + "-" + lines.get(lines.size() - 1);
  }
}
