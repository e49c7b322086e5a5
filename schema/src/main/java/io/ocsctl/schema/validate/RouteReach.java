package io.ocsctl.schema.validate;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import java.util.List;
import java.util.Optional;

/**
 * A firewall that restricts users to their routes (restrict_to_routes, or the option
 * restrict-user-to-routes) where no route applies: a user who could reach nothing. The routes that
 * apply to a user are its own, its groups' and the server's.
 */
final class RouteReach {
  private static final String OPTION = "restrict-user-to-routes";

  private RouteReach() {}

  static void run(DesiredState state, Report report) {
    boolean serverRoutes = hasRoute(state.server().settings());
    if (restricts(state, state.server().settings(), state.server().firewall())
        && !serverRoutes
        && state.groups().values().stream().noneMatch(g -> hasRoute(g.settings()))
        && state.users().values().stream().noneMatch(u -> hasRoute(u.settings()))) {
      error(report, List.of("server"), state.server().settings(), "the server");
    }
    for (Group group : state.groups().values()) {
      if (restricts(state, group.settings(), group.firewall())
          && !serverRoutes
          && !hasRoute(group.settings())) {
        error(
            report,
            List.of("group", group.name()),
            group.settings(),
            "group " + Diagnostic.quote(group.name()));
      }
    }
    for (User user : state.users().values()) {
      boolean reach =
          serverRoutes
              || hasRoute(user.settings())
              || user.groups().stream()
                  .map(state.groups()::get)
                  .anyMatch(g -> g != null && hasRoute(g.settings()));
      if (restricts(state, user.settings(), user.firewall()) && !reach) {
        error(
            report,
            List.of("user", user.name()),
            user.settings(),
            "user " + Diagnostic.quote(user.name()));
      }
    }
  }

  private static void error(Report report, List<String> block, Settings settings, String who) {
    List<String> at = new java.util.ArrayList<>(block);
    at.addAll(settings.has(OPTION) ? List.of("settings", OPTION) : List.of("firewall"));
    report.error(
        at,
        who
            + " restricts its users to their routes, but no route applies to them:"
            + " a user who could reach nothing",
        "add a route option (the networks they need) to its settings or the server's,"
            + " or set restrict_to_routes to false");
  }

  private static boolean restricts(
      DesiredState state, Settings settings, Optional<FirewallRef> ref) {
    List<String> option = settings.get(OPTION);
    if (option.size() == 1 && option.get(0).matches("(?i)true|yes")) {
      return true;
    }
    return state.resolve(ref).map(Firewall::restrictToRoutes).orElse(false);
  }

  private static boolean hasRoute(Settings settings) {
    return !settings.get("route").isEmpty();
  }
}
