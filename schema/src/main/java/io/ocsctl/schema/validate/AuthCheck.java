package io.ocsctl.schema.validate;

import static io.ocsctl.schema.validate.Report.path;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.Places;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain (password) authentication: the passwd file that {@code plain[passwd=...]} names, and the
 * users' passwords, which only plain authentication reads.
 */
final class AuthCheck {
  private static final Pattern METHOD = Pattern.compile("([A-Za-z0-9_-]+)(?:\\[(.*)\\])?");
  private static final List<String> AUTH_KEYS = List.of("auth", "enable-auth");

  private AuthCheck() {}

  static void run(DesiredState state, Report report) {
    boolean plain = scope(state.server().settings(), List.of("server", "settings"), report);
    for (String vhost : state.vhosts().keySet()) {
      plain |= scope(state.vhosts().get(vhost).settings(), List.of("vhost", vhost, "settings"), report);
    }
    List<User> withPassword = state.users().values().stream().filter(u -> u.password().isPresent()).toList();
    if (!plain && !withPassword.isEmpty()) {
      User first = withPassword.get(0);
      report.error(List.of("user", first.name(), first.password().get() instanceof Secret.Hash
              ? "password_hash" : "password"),
          "user " + Diagnostic.quote(first.name()) + " has a password, but no auth method of the server is plain"
              + (withPassword.size() == 2 ? " (and 1 more user)"
                  : withPassword.size() > 2 ? " (and " + (withPassword.size() - 1) + " more users)" : "")
              + ": ocserv would never read it",
          "set the server option auth to \"plain[passwd=/etc/ocserv/ocpasswd]\", or delete the passwords");
    }
    if (plain) {
      for (User user : state.users().values()) {
        List<String> at = List.of("user", user.name());
        if (user.password().isEmpty() && !report.rejectedWithin(at)) {
          report.error(at, "user " + Diagnostic.quote(user.name()) + " has no password, and the server"
                  + " authenticates with plain passwords",
              "give the user a password_hash (made by 'ocsctl passwd'), or a password from env or file");
        }
      }
    }
  }

  /** Checks the plain methods of one scope; whether it has one. */
  private static boolean scope(Settings settings, List<String> path, Report report) {
    boolean plain = false;
    for (String key : AUTH_KEYS) {
      List<String> values = settings.get(key);
      for (int i = 0; i < values.size(); i++) {
        Matcher m = METHOD.matcher(values.get(i).strip());
        if (!m.matches() || !m.group(1).equals("plain")) {
          continue;
        }
        plain = true;
        List<String> at = values.size() > 1 ? path(path, key, Integer.toString(i)) : path(path, key);
        Map<String, String> options = options(m.group(2));
        String passwd = options.get("passwd");
        String where = Places.where(path);
        if (passwd == null || passwd.isEmpty()) {
          report.error(at, "plain authentication " + where + " names no passwd file",
              "write plain[passwd=/etc/ocserv/ocpasswd]");
        } else if (!passwd.startsWith("/")) {
          report.error(at, "the passwd file of plain authentication " + where + " is a relative path: "
                  + Diagnostic.quote(passwd),
              "write an absolute path, e.g. plain[passwd=/etc/ocserv/" + passwd.replaceFirst("^(\\./)+", "") + "]");
        }
        String otp = options.get("otp");
        if (otp != null && !otp.startsWith("/")) {
          report.error(at, "the otp file of plain authentication " + where + " is a relative path: "
              + Diagnostic.quote(otp), "write an absolute path");
        }
      }
    }
    return plain;
  }

  private static Map<String, String> options(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
      } else if (!part.isBlank()) {
        out.put(part.strip(), "");
      }
    }
    return out;
  }
}
