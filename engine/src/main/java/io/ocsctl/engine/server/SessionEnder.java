package io.ocsctl.engine.server;

import io.ocsctl.engine.plan.Address;
import io.ocsctl.engine.plan.FirewallPolicies;
import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlArgs;
import io.ocsctl.providers.occtl.OcctlException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Ends every session of a user: {@code occtl disconnect user NAME} (by connection id for a name
 * occtl cannot take), then waits up to 5 s until occtl shows none. What happened becomes an action
 * line; what could not be done a warning with the command to run by hand.
 */
final class SessionEnder {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final Occtl occtl;

  SessionEnder(Occtl occtl) {
    this.occtl = occtl;
  }

  /**
   * Disconnects {@code user}; {@code why} ends the action line ({@code ""}, or e.g. {@code ": its
   * next login gets ..."}).
   */
  void end(String user, String why, List<String> actions, List<String> warnings)
      throws IOException {
    Address address = Address.user(user);
    try {
      List<ConnectedUser> sessions = sessionsOf(user);
      if (sessions.isEmpty()) {
        actions.add(address + " had no active session to disconnect");
        return;
      }
      if (isOcctlWord(user)) {
        occtl.disconnectUser(user);
      } else {
        for (ConnectedUser c : sessions) {
          occtl.disconnectId(String.valueOf(c.id()));
        }
      }
      long end = System.nanoTime() + WAIT.toNanos();
      int left = sessions.size();
      while (left > 0 && System.nanoTime() < end) {
        LiveApply.pause(Duration.ofMillis(100));
        left = sessionsOf(user).size();
      }
      if (left > 0) {
        warnings.add(
            address
                + " still has "
                + left
                + " session(s) after occtl disconnect; end them with"
                + " 'occtl disconnect id ID' (see 'ocsctl sessions -user "
                + user
                + "')");
      } else {
        actions.add(
            "disconnected "
                + address
                + " ("
                + FirewallPolicies.sessionCount(sessions.size())
                + ")"
                + why);
      }
    } catch (OcctlException e) {
      warnings.add(
          "could not disconnect "
              + address
              + ": "
              + e.getMessage()
              + "; the files are applied,"
              + " end its sessions with 'occtl disconnect user "
              + user
              + "'");
    }
  }

  /**
   * The connections of {@code user}, found by name, or in the full list when occtl cannot take the
   * name.
   */
  private List<ConnectedUser> sessionsOf(String user) throws OcctlException {
    if (isOcctlWord(user)) {
      return occtl.user(user).value();
    }
    return occtl.users().value().stream().filter(c -> c.user().equals(user)).toList();
  }

  private static boolean isOcctlWord(String user) {
    try {
      OcctlArgs.user(user);
      return true;
    } catch (OcctlException e) {
      return false;
    }
  }
}
