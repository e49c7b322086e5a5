package io.ocsctl.engine.render;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.ocsctl.engine.plan.FileChange;
import java.util.List;

/** Unified diffs of planned file changes, made from the masked text only. */
public final class FileDiffs {
  private FileDiffs() {}

  public static List<String> unified(FileChange change) {
    List<String> before = lines(change.shownBefore());
    List<String> after = lines(change.shownAfter());
    String from = change.shownBefore() == null ? "/dev/null" : "a" + change.path();
    String to = change.shownAfter() == null ? "/dev/null" : "b" + change.path();
    List<String> diff =
        UnifiedDiffUtils.generateUnifiedDiff(from, to, before, DiffUtils.diff(before, after), 3);
    // an empty side starts at line 0, as GNU diff writes it: patch and git apply refuse "-1,0"
    return diff.stream()
        .map(
            line ->
                !line.startsWith("@@ ")
                    ? line
                    : line.replace(before.isEmpty() ? "@@ -1,0 " : "\0", "@@ -0,0 ")
                        .replace(after.isEmpty() ? " +1,0 @@" : "\0", " +0,0 @@"))
        .toList();
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty()
        ? List.of()
        : List.of(text.split("\n", -1))
            .subList(
                0,
                text.endsWith("\n")
                    ? text.split("\n", -1).length - 1
                    : text.split("\n", -1).length);
  }
}
