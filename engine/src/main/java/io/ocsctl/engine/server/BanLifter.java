package io.ocsctl.engine.server;

import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.Unban;
import java.util.List;

/**
 * Lifts the ban of an allowlisted address: {@code occtl unban ip ADDR}. What happened becomes an
 * action line; a failure a warning with the command to run by hand (the files stay applied).
 */
final class BanLifter {
  private final Occtl occtl;

  BanLifter(Occtl occtl) {
    this.occtl = occtl;
  }

  void lift(Unban unban, List<String> actions, List<String> warnings) {
    String ip = unban.ip();
    try {
      occtl.unbanIp(ip);
      actions.add(
          "unbanned ip " + ip + " (score was " + unban.score() + "; in server.ban_allowlist)");
    } catch (OcctlException e) {
      // ocserv drops an expired ban after ban-reset-time, and then refuses to unban it: nothing
      // left to lift
      if (!stillBanned(ip)) {
        actions.add("ip " + ip + " was no longer banned");
        return;
      }
      warnings.add(
          "could not unban ip "
              + ip
              + ": "
              + e.getMessage()
              + "; the files are applied,"
              + " lift the ban with 'occtl unban ip "
              + ip
              + "'");
    }
  }

  private boolean stillBanned(String ip) {
    try {
      return occtl.bans().value().stream().anyMatch(b -> b.ip().equals(ip));
    } catch (OcctlException e) {
      return true; // cannot tell: say it failed
    }
  }
}
