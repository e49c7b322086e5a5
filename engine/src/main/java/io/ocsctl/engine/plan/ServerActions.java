package io.ocsctl.engine.plan;

import io.ocsctl.providers.occtl.LiveSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides what apply does to the running server, from the resource changes and who is connected:
 * one reload or restart for all configuration changes; the bans {@code server.ban_allowlist} lifts
 * (a restart forgets every ban, so none then); a disconnect of each removed or locked user, or its
 * kept sessions under {@code on_user_removal = keep}; the connected members a group change reaches;
 * the live sessions that keep firewall rules the plan changes. The one place these rules live.
 */
public final class ServerActions {
  private ServerActions() {}

  public static List<ServerAction> decide(List<ResourceChange> resources, LiveSessions live) {
    return decide(resources, live, java.util.Optional.empty());
  }

  /**
   * The actions, and last the canary login of {@code apply -verify} when there is a change to prove
   * (a plan without changes runs nothing, so it verifies nothing).
   */
  public static List<ServerAction> decide(
      List<ResourceChange> resources,
      LiveSessions live,
      java.util.Optional<ServerAction.Canary> canary) {
    List<ServerAction> out = decideServer(resources, live);
    if (canary.isPresent() && !resources.isEmpty()) {
      out.add(canary.get());
    }
    return out;
  }

  private static List<ServerAction> decideServer(
      List<ResourceChange> resources, LiveSessions live) {
    List<ServerAction> out = new ArrayList<>();
    List<String> restart = restartReasons(resources);
    if (!restart.isEmpty()) {
      out.add(new ServerAction.Restart(restart));
    } else {
      if (resources.stream().anyMatch(r -> r.has(Effect.RELOAD))) {
        out.add(new ServerAction.Reload());
      }
      live.unbans().forEach(u -> out.add(new ServerAction.LiftBan(u)));
    }
    for (ResourceChange r : resources) {
      String name = r.address().name();
      if (r.has(Effect.DISCONNECT)) {
        if (!live.running()) {
          out.add(
              new ServerAction.Disconnect(name, java.util.Optional.empty(), !restart.isEmpty()));
        } else if (live.disconnectOnRemoval()) {
          out.add(
              new ServerAction.Disconnect(
                  name, java.util.Optional.of(live.describeSessions(name)), !restart.isEmpty()));
        } else {
          out.add(
              new ServerAction.KeepSessions(
                  name, live.sessions(name), live.describeSessions(name)));
        }
      } else if (live.running() && r.address().kind() == Address.Kind.GROUP) {
        List<String> members = live.connectedMembers(name);
        if (!members.isEmpty()) {
          out.add(new ServerAction.NextConnect(name, members));
        }
      }
    }
    Map<String, Integer> firewalled = FirewallPolicies.affectedSessions(resources, live);
    if (!firewalled.isEmpty()) {
      out.add(new ServerAction.FirewallSessions(firewalled));
    }
    return out;
  }

  /**
   * {@code tcp-port}, {@code vhost["x"]: auth}, {@code vhost["x"] added}: what makes a plan need a
   * restart.
   */
  static List<String> restartReasons(List<ResourceChange> resources) {
    List<String> out = new ArrayList<>();
    for (ResourceChange r : resources) {
      if (!r.has(Effect.RESTART)) {
        continue;
      }
      if (r.address().kind() == Address.Kind.VHOST && r.action() != Action.UPDATE) {
        out.add(r.address() + (r.action() == Action.CREATE ? " added" : " removed"));
        continue;
      }
      String prefix = r.address().kind() == Address.Kind.SERVER ? "" : r.address() + ": ";
      int before = out.size();
      r.attributes().stream()
          .filter(a -> LiveEffects.needsRestart(a.name()))
          .forEach(a -> out.add(prefix + a.name()));
      if (out.size() == before) {
        out.add(r.address().toString());
      }
    }
    return out;
  }
}
