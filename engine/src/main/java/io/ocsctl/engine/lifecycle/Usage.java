package io.ocsctl.engine.lifecycle;

import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.state.UsageLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The traffic of each user and group in one window: sessions that ended in it (the usage ledger,
 * from ocserv's disconnect numbers) plus the sessions still running (occtl's tun counters). A
 * running session counts wholly in the current window, and a session that spans a window's end
 * counts where it ended: ocserv reports a session's bytes once, at its end.
 *
 * @param skipped ledger lines that were not records (torn by a crash or edited), never counted
 * @param unmeasured running sessions whose counters occtl did not print (not counted)
 */
public record Usage(
    Window window, List<Total> users, List<Total> groups, int skipped, int unmeasured) {

  /** Bytes in (from the clients) and out (to them) of one user or group. */
  public record Total(String name, long bytesIn, long bytesOut, int ended, int running) {
    public long bytes() {
      return saturatedAdd(bytesIn, bytesOut);
    }

    Total plus(long in, long out, int endedNow, int runningNow) {
      return new Total(
          name,
          saturatedAdd(bytesIn, in),
          saturatedAdd(bytesOut, out),
          ended + endedNow,
          running + runningNow);
    }
  }

  public Usage {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
  }

  /**
   * Adds up {@code ended} (the ledger's records of {@code window}) and, when the window is the
   * current one, {@code running} sessions.
   */
  public static Usage of(Window window, UsageLedger.Read ended, List<ConnectedUser> running) {
    Map<String, Total> users = new TreeMap<>();
    Map<String, Total> groups = new TreeMap<>();
    for (UsageLedger.Session s : ended.sessions()) {
      add(users, s.user(), s.bytesIn(), s.bytesOut(), 1, 0);
      if (!s.group().isEmpty()) {
        add(groups, s.group(), s.bytesIn(), s.bytesOut(), 1, 0);
      }
    }
    int unmeasured = 0;
    for (ConnectedUser c : running) {
      if (c.rxBytes() < 0 || c.txBytes() < 0) {
        unmeasured++;
        continue;
      }
      add(users, c.user(), c.rxBytes(), c.txBytes(), 0, 1);
      if (!c.group().isEmpty()) {
        add(groups, c.group(), c.rxBytes(), c.txBytes(), 0, 1);
      }
    }
    return new Usage(
        window,
        new ArrayList<>(users.values()),
        new ArrayList<>(groups.values()),
        ended.skipped(),
        unmeasured);
  }

  private static void add(
      Map<String, Total> totals, String name, long in, long out, int ended, int running) {
    totals.merge(
        name,
        new Total(name, in, out, ended, running),
        (a, b) -> a.plus(b.bytesIn(), b.bytesOut(), b.ended(), b.running()));
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
