package io.ocsctl.engine.lifecycle;

import io.ocsctl.schema.model.Quota;
import io.ocsctl.state.StateDir;
import io.ocsctl.state.UsageLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The drift timer's lifecycle gauges for node_exporter (docs/lifecycle.md): how many accounts end
 * within a week ({@code ocsctl_users_expiring{days="7"}}), and, only when asked (one series per
 * user is a label cardinality to choose), each user's traffic this month.
 */
public final class LifecycleMetrics {
  private LifecycleMetrics() {}

  /**
   * The gauges' text: {@code expiringSoon} accounts end within a week (the drift check counted
   * them); with {@code perUser}, each user's traffic this month from the ledger of {@code
   * stateDir}, at {@code clock}'s moment. The desired state is not read again: the drift timer's
   * stamped check parses nothing.
   */
  public static String prometheus(int expiringSoon, Path stateDir, Clock clock, boolean perUser)
      throws IOException {
    Lifecycle now = Lifecycle.at(clock);
    boolean hasState = Files.isDirectory(stateDir);
    StringBuilder out = new StringBuilder();
    out.append(
            "# HELP ocsctl_users_expiring Users whose account ends within the days given"
                + " (docs/lifecycle.md).\n")
        .append("# TYPE ocsctl_users_expiring gauge\n")
        .append("ocsctl_users_expiring{days=\"7\"} ")
        .append(expiringSoon)
        .append('\n');
    if (perUser) {
      Window month = Window.containing(Quota.Period.MONTH, now.now(), now.zone());
      UsageLedger.Read ended =
          hasState
              ? new UsageLedger(StateDir.at(stateDir)).read(month.start(), month.end())
              : new UsageLedger.Read(List.of(), 0);
      out.append("# HELP ocsctl_user_traffic_bytes Bytes in and out of a user's ended sessions")
          .append(" this month (the usage ledger).\n")
          .append("# TYPE ocsctl_user_traffic_bytes gauge\n");
      for (Usage.Total t : Usage.of(month, ended, List.of()).users()) {
        out.append("ocsctl_user_traffic_bytes{user=\"")
            .append(label(t.name()))
            .append("\",period=\"")
            .append(month.label())
            .append("\"} ")
            .append(t.bytes())
            .append('\n');
      }
    }
    return out.toString();
  }

  /** A label value as the text format wants it: backslash, quote and newline escaped. */
  static String label(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(Character.isISOControl(c) ? '?' : c);
      }
    }
    return out.toString();
  }
}
