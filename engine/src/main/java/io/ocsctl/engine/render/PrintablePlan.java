package io.ocsctl.engine.render;

import io.ocsctl.engine.plan.Address;
import io.ocsctl.engine.plan.AttributeChange;
import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.Guard;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.ResourceChange;
import io.ocsctl.engine.plan.ServerAction;
import io.ocsctl.providers.occtl.LiveSessions;
import io.ocsctl.providers.occtl.Unban;
import io.ocsctl.schema.Printable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan as text renderers may print it: every name, value, path, diff, note and occtl answer
 * passed through {@link Printable}, so a live user named {@code evil\x1b[2J} cannot hide a line
 * from the reviewer. The bytes apply writes ({@code before}/{@code after}) are kept as they are.
 */
final class PrintablePlan {
  private PrintablePlan() {}

  static Plan of(Plan plan) {
    List<ResourceChange> resources =
        plan.resources().stream().map(PrintablePlan::resource).toList();
    List<FileChange> files =
        plan.files().stream()
            .map(
                f ->
                    new FileChange(
                        Printable.line(f.path()),
                        f.target(),
                        f.before(),
                        f.after(),
                        Printable.text(f.shownBefore()),
                        Printable.text(f.shownAfter()),
                        f.sensitive(),
                        f.mode()))
            .toList();
    // the server actions are decided again from the printable resources and sessions, so the names
    // in their lines are printable too
    return new Plan(
            resources,
            files,
            plan.liveFingerprints(),
            plan.desiredFingerprint(),
            lines(plan.notes()),
            plan.guards().stream().map(PrintablePlan::guard).toList())
        .withLive(live(plan.live()))
        .targeted(plan.targets())
        .withCanary(plan.canary().map(PrintablePlan::canary));
  }

  private static ServerAction.Canary canary(ServerAction.Canary c) {
    return new ServerAction.Canary(
        Printable.line(c.user()),
        Printable.line(c.connect()),
        lines(c.expectRoutes()),
        lines(c.expectDns()));
  }

  private static Guard guard(Guard guard) {
    if (guard instanceof Guard.MassDestroy m) {
      return new Guard.MassDestroy(Printable.line(m.reason()));
    }
    return new Guard.RestartNeeded(lines(((Guard.RestartNeeded) guard).reasons()));
  }

  private static ResourceChange resource(ResourceChange r) {
    Address address =
        new Address(
            r.address().kind(),
            r.address().name() == null ? null : Printable.line(r.address().name()));
    List<AttributeChange> attributes =
        r.attributes().stream()
            .map(
                a ->
                    new AttributeChange(
                        Printable.line(a.name()),
                        lines(a.before()),
                        lines(a.after()),
                        a.sensitive(),
                        a.list(),
                        Printable.line(a.why())))
            .toList();
    return new ResourceChange(address, r.action(), attributes, lines(r.files()));
  }

  private static LiveSessions live(LiveSessions live) {
    Map<String, Integer> sessions = new LinkedHashMap<>();
    live.sessionsByUser().forEach((user, n) -> sessions.put(Printable.line(user), n));
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    live.groupsByUser()
        .forEach(
            (user, set) ->
                groups.put(
                    Printable.line(user),
                    set.stream().map(Printable::line).collect(Collectors.toSet())));
    List<Unban> unbans =
        live.unbans().stream()
            .map(u -> new Unban(Printable.line(u.ip()), u.score(), Printable.line(u.entry())))
            .toList();
    return new LiveSessions(
        live.running(),
        sessions,
        groups,
        live.disconnectOnRemoval(),
        lines(live.problems()),
        unbans);
  }

  private static List<String> lines(List<String> values) {
    return values.stream().map(Printable::line).toList();
  }
}
