package io.ocsctl.engine.lifecycle;

import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Quota;
import io.ocsctl.state.StateDir;
import io.ocsctl.state.UsageLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The traffic a plan's quotas are checked against: the usage ledger of the state directory for the
 * current window of each period in use, plus the sessions running now (docs/lifecycle.md). Read
 * once, before planning, so that a ledger that cannot be trusted fails the plan instead of
 * unlocking whoever used up their quota.
 */
public final class Counted {
  private Counted() {}

  /** The periods of the quotas {@code desired} declares. */
  public static Set<Quota.Period> periods(DesiredState desired) {
    Set<Quota.Period> out = new TreeSet<>();
    desired.users().values().forEach(u -> u.quota().ifPresent(q -> out.add(q.period())));
    desired.groups().values().forEach(g -> g.quota().ifPresent(q -> out.add(q.period())));
    return out;
  }

  /**
   * The traffic of each user in the current window of each of {@code periods} at {@code at}'s
   * moment; a state directory that does not exist yet has recorded nothing.
   */
  public static Lifecycle.Traffic of(
      Lifecycle at, Set<Quota.Period> periods, Path stateDir, List<ConnectedUser> running)
      throws IOException {
    Map<Window, Map<String, Long>> byWindow = new HashMap<>();
    UsageLedger ledger =
        Files.isDirectory(stateDir) ? new UsageLedger(StateDir.at(stateDir)) : null;
    for (Quota.Period p : periods) {
      Window w = Window.containing(p, at.now(), at.zone());
      UsageLedger.Read ended =
          ledger == null ? new UsageLedger.Read(List.of(), 0) : ledger.read(w.start(), w.end());
      Map<String, Long> users = new HashMap<>();
      Usage.of(w, ended, running).users().forEach(t -> users.put(t.name(), t.bytes()));
      byWindow.put(w, users);
    }
    return (user, window) -> byWindow.getOrDefault(window, Map.of()).getOrDefault(user, 0L);
  }
}
