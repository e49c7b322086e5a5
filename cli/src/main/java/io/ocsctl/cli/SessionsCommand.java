package io.ocsctl.cli;

import io.ocsctl.engine.canary.CanaryLogin;
import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.providers.occtl.CookieSession;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.Parsed;
import io.ocsctl.schema.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sessions",
    description = {
      "List who is connected to the running server.",
      "All connections (occtl show users), one user's (-user), one connection (-id), or the",
      "authentication sessions (-all, -valid, -session SID: occtl show sessions / show session)."
    })
final class SessionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerViewOptions server;

  @ArgGroup(exclusive = true)
  Which which = new Which();

  @Option(
      names = {"-f", "-file", "--file"},
      paramLabel = "FILE",
      description =
          "Desired state whose canary block names the canary's user: its logins (apply -verify,"
              + " doctor -login) are ocsctl's own, left out of the listing and counted apart.")
  Path desired;

  static final class Which {
    @Option(
        names = {"-user", "--user"},
        paramLabel = "NAME",
        description = "The connections of one user.")
    String user;

    @Option(
        names = {"-id", "--id"},
        paramLabel = "ID",
        description = "One connection by its id.")
    String id;

    @Option(
        names = {"-all", "--all"},
        description = "Every authentication session (occtl show sessions all).")
    boolean all;

    @Option(
        names = {"-valid", "--valid"},
        description = "Sessions that can still reconnect (occtl show sessions valid).")
    boolean valid;

    @Option(
        names = {"-session", "--session"},
        paramLabel = "SID",
        description = "One session by its id.")
    String session;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      // asked for by name (-user), the canary's connections are shown like anyone's
      Optional<String> canary =
          desired == null || which.user != null
              ? Optional.empty()
              : CanaryLogin.canaryUser(desired);
      Occtl occtl = server.occtl(err);
      if (which.all || which.valid || which.session != null) {
        Parsed<List<CookieSession>> sessions =
            which.session != null ? occtl.session(which.session) : occtl.sessions(which.all);
        sessions = withoutCanary(sessions, CookieSession::user, canary, err);
        out.print(
            server.json
                ? LiveViews.JSON.writeValueAsString(sessions.value()) + "\n"
                : LiveViews.table(
                    List.of(
                        "SESSION",
                        "USER",
                        "GROUP",
                        "VHOST",
                        "REMOTE IP",
                        "CREATED",
                        "EXPIRES",
                        "STATE",
                        "IN USE"),
                    sessions.value().stream()
                        .map(
                            s ->
                                List.of(
                                    s.session(),
                                    s.user(),
                                    s.group(),
                                    s.vhost(),
                                    s.remoteIp(),
                                    s.created(),
                                    s.expires(),
                                    s.state(),
                                    s.inUse() ? "yes" : "no"))
                        .toList()));
        LiveViews.warn(sessions, err);
      } else {
        Parsed<List<ConnectedUser>> users =
            which.user != null
                ? occtl.user(which.user)
                : which.id != null ? occtl.id(which.id) : occtl.users();
        users = withoutCanary(users, ConnectedUser::user, canary, err);
        out.print(
            server.json
                ? LiveViews.JSON.writeValueAsString(users.value()) + "\n"
                : LiveViews.table(
                    List.of(
                        "ID",
                        "USER",
                        "GROUP",
                        "VHOST",
                        "REMOTE IP",
                        "VPN IP",
                        "DEVICE",
                        "SINCE",
                        "STATE"),
                    users.value().stream()
                        .map(
                            u ->
                                List.of(
                                    LiveViews.number(u.id()),
                                    u.user(),
                                    u.group(),
                                    u.vhost(),
                                    u.remoteIp(),
                                    u.vpnIpv4().isEmpty() ? u.vpnIpv6() : u.vpnIpv4(),
                                    u.device(),
                                    u.connectedAt(),
                                    u.state()))
                        .toList()));
        LiveViews.warn(users, err);
      }
      out.flush();
      return 0;
    } catch (Exception e) {
      return LiveViews.failed(e, err);
    }
  }

  /** {@code parsed} without the canary's entries, saying on stderr how many were left out. */
  private static <T> Parsed<List<T>> withoutCanary(
      Parsed<List<T>> parsed, Function<T, String> user, Optional<String> canary, PrintWriter err) {
    if (canary.isEmpty()) {
      return parsed;
    }
    List<T> kept =
        parsed.value().stream().filter(e -> !canary.get().equals(user.apply(e))).toList();
    int left = parsed.value().size() - kept.size();
    if (left > 0) {
      err.println(
          Printable.line(
              "("
                  + left
                  + (left == 1 ? " entry" : " entries")
                  + " of the canary user \""
                  + canary.get()
                  + "\" left out: ocsctl's own login, not a user's)"));
    }
    return new Parsed<>(kept, parsed.problems());
  }
}
