package io.ocsctl.schema.validate;

import static io.ocsctl.schema.validate.Report.path;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.Places;
import io.ocsctl.schema.Suggestions;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plain (password) authentication: the passwd file that {@code plain[passwd=...]} names, and the
 * users' passwords, which only plain authentication reads.
 */
final class AuthCheck {
  private static final List<String> AUTH_KEYS = List.of("auth", "enable-auth");

  private AuthCheck() {}

  static void run(DesiredState state, Report report) {
    boolean plain = scope(state.server().settings(), List.of("server", "settings"), report);
    Map<String, String> owners = new HashMap<>();
    passwdFile(state.server().settings()).ifPresent(f -> owners.put(f, "the server"));
    for (String vhost : state.vhosts().keySet()) {
      Settings settings = state.vhosts().get(vhost).settings();
      plain |= scope(settings, List.of("vhost", vhost, "settings"), report);
      Optional<String> own = passwdFile(settings);
      String owner =
          own.map(f -> owners.putIfAbsent(f, "vhost " + Diagnostic.quote(vhost))).orElse(null);
      if (owner != null && !owner.equals("the server")) {
        report.error(
            List.of("vhost", vhost, "settings", settings.has("auth") ? "auth" : "enable-auth"),
            "vhost "
                + Diagnostic.quote(vhost)
                + " names the passwd file "
                + own.get()
                + " of "
                + owner
                + ", so ocsctl cannot tell whose users it holds",
            "give each vhost a passwd file of its own, or let both use the server's");
      }
    }
    for (User user : state.users().values()) {
      user.vhost().ifPresent(vhost -> vhostUser(state, user, vhost, report));
    }
    List<User> withPassword =
        state.users().values().stream().filter(u -> u.password().isPresent()).toList();
    if (!plain && !withPassword.isEmpty()) {
      User first = withPassword.get(0);
      report.error(
          List.of(
              "user",
              first.name(),
              first.password().get() instanceof Secret.Hash ? "password_hash" : "password"),
          "user "
              + Diagnostic.quote(first.name())
              + " has a password, but no auth method of the server is plain"
              + (withPassword.size() == 2
                  ? " (and 1 more user)"
                  : withPassword.size() > 2
                      ? " (and " + (withPassword.size() - 1) + " more users)"
                      : "")
              + ": ocserv would never read it",
          "set the server option auth to \"plain[passwd=/etc/ocserv/ocpasswd]\", or delete the passwords");
    }
    if (plain) {
      for (User user : state.users().values()) {
        List<String> at = List.of("user", user.name());
        if (user.password().isEmpty() && !report.rejectedWithin(at)) {
          report.error(
              at,
              "user "
                  + Diagnostic.quote(user.name())
                  + " has no password, and the server"
                  + " authenticates with plain passwords",
              "give the user a password_hash (made by 'ocsctl passwd'), or a password from env or file");
        }
      }
    }
  }

  /** A user whose passwd line is in its vhost's own passwd file. */
  private static void vhostUser(DesiredState state, User user, String vhost, Report report) {
    List<String> at = List.of("user", user.name(), "vhost");
    String who = "user " + Diagnostic.quote(user.name());
    if (!state.vhosts().containsKey(vhost)) {
      report.error(
          at,
          who + " is in vhost " + Diagnostic.quote(vhost) + ", which is not declared",
          Suggestions.didYouMean(vhost, state.vhosts().keySet())
              .map(s -> "did you mean " + Diagnostic.quote(s) + "?")
              .orElse("declare the vhost, or remove the user's vhost"));
      return;
    }
    Optional<String> own = passwdFile(state.vhosts().get(vhost).settings());
    if (own.isEmpty() || own.equals(passwdFile(state.server().settings()))) {
      report.error(
          at,
          who
              + " is in vhost "
              + Diagnostic.quote(vhost)
              + ", but that vhost has no passwd file of"
              + " its own (its plain auth names none, or the server's)",
          "remove the user's vhost: the user's line belongs in the server's passwd file");
    } else if (!user.settings().isEmpty() || user.firewall().isPresent()) {
      report.error(
          at,
          who
              + " of vhost "
              + Diagnostic.quote(vhost)
              + " has settings or a firewall: ocsctl writes"
              + " config-per-user files for the server's users only",
          "move the settings to a group, or the user to the server");
    }
  }

  private static Optional<String> passwdFile(Settings settings) {
    Optional<String> file = PlainAuth.passwdOf(settings.get("auth"));
    return file.isPresent() ? file : PlainAuth.passwdOf(settings.get("enable-auth"));
  }

  /** Checks the plain methods of one scope; whether it has one. */
  private static boolean scope(Settings settings, List<String> path, Report report) {
    boolean plain = false;
    for (String key : AUTH_KEYS) {
      List<String> values = settings.get(key);
      for (int i = 0; i < values.size(); i++) {
        Optional<PlainAuth> method = PlainAuth.parse(values.get(i));
        if (method.isEmpty()) {
          continue;
        }
        plain = true;
        List<String> at =
            values.size() > 1 ? path(path, key, Integer.toString(i)) : path(path, key);
        String where = Places.where(path);
        if (method.get().problem().isPresent()) {
          report.error(
              at,
              "ocserv cannot read the plain authentication "
                  + where
                  + ": "
                  + method.get().problem().get(),
              "write plain[passwd=/etc/ocserv/ocpasswd]");
          continue;
        }
        String passwd = method.get().passwd().orElse("");
        if (passwd.isEmpty() && method.get().otp().isEmpty()) {
          report.error(
              at,
              "plain authentication " + where + " names no passwd file",
              "write plain[passwd=/etc/ocserv/ocpasswd]");
        } else if (!passwd.isEmpty() && !passwd.startsWith("/")) {
          report.error(
              at,
              "the passwd file of plain authentication "
                  + where
                  + " is a relative path: "
                  + Diagnostic.quote(passwd),
              "write an absolute path, e.g. plain[passwd=/etc/ocserv/"
                  + passwd.replaceFirst("^(\\./)+", "")
                  + "]");
        }
        Optional<String> otp = method.get().otp();
        if (otp.isPresent() && !otp.get().startsWith("/")) {
          report.error(
              at,
              "the otp file of plain authentication "
                  + where
                  + " is a relative path: "
                  + Diagnostic.quote(otp.get()),
              "write an absolute path");
        }
      }
    }
    return plain;
  }
}
