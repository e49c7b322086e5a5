package io.ocsctl.engine.lifecycle;

import io.ocsctl.engine.Workflow;
import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.ParseCache;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Quota;
import io.ocsctl.state.StateDir;
import io.ocsctl.state.UsageLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The drift timer's lifecycle gauges for node_exporter (docs/lifecycle.md): how many accounts end
 * within a week ({@code ocsctl_users_expiring{days="7"}}), and, only when asked (one series per
 * user is a label cardinality to choose), each user's traffic this month.
 */
public final class LifecycleMetrics {
  private LifecycleMetrics() {}

  /** The gauges' text, for the desired state of {@code target} at {@code clock}'s moment. */
  public static String prometheus(Workflow.Target target, Clock clock, boolean perUser)
      throws InvalidInputException, IOException {
    boolean stateDir = Files.isDirectory(target.stateDir());
    DesiredState desired =
        DesiredStates.load(
                target.desired(), stateDir ? ParseCache.in(target.stateDir()) : ParseCache.NONE)
            .state();
    Lifecycle now = Lifecycle.at(clock).lookingAhead(Duration.ofDays(7));
    StringBuilder out = new StringBuilder();
    out.append(
            "# HELP ocsctl_users_expiring Users whose account ends within the days given"
                + " (docs/lifecycle.md).\n")
        .append("# TYPE ocsctl_users_expiring gauge\n")
        .append("ocsctl_users_expiring{days=\"7\"} ")
        .append(now.expiring(desired).size())
        .append('\n');
    if (perUser) {
      Window month = Window.containing(Quota.Period.MONTH, now.now(), now.zone());
      UsageLedger.Read ended =
          stateDir
              ? new UsageLedger(StateDir.at(target.stateDir())).read(month.start(), month.end())
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
