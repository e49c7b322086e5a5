package io.ocsctl.schema.validate;

import static io.ocsctl.schema.validate.Report.path;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.Suggestions;
import io.ocsctl.schema.model.Canary;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.User;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the {@code canary} block: its user is declared and can log in, the server certificate pin
 * has the form openconnect's {@code --servercert} takes, {@code connect} is an https URL, the
 * timeout a duration, the expected routes networks and the expected DNS servers addresses.
 */
final class CanaryCheck {
  /** The longest login a canary may wait for: a hung client must not hold an apply's lock. */
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  private static final Pattern PIN = Pattern.compile("pin-sha256:[A-Za-z0-9+/]{43}=");
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-fA-F]{64}");
  private static final Pattern SHA1 = Pattern.compile("sha1:[0-9a-fA-F]{40}");
  private static final List<String> AT = List.of("canary");

  private CanaryCheck() {}

  static void run(DesiredState state, Report report) {
    if (state.canary().isEmpty()) {
      return;
    }
    Canary canary = state.canary().get();
    user(state, canary.user(), report);
    if (!isPin(canary.serverCert())) {
      report.error(
          path(AT, "server_cert"),
          "server_cert in the canary block is not a certificate pin openconnect takes",
          "write \"pin-sha256:BASE64\" (44 characters, as openconnect prints it and 'certtool"
              + " --pubkey-info' shows it), \"sha256:HEX\" or \"sha1:HEX\"");
    }
    canary
        .connect()
        .flatMap(CanaryCheck::connectProblem)
        .ifPresent(
            p ->
                report.error(
                    path(AT, "connect"),
                    "connect in the canary block: " + p,
                    "write the URL clients use, e.g. \"https://vpn.example.com:443\", or leave"
                        + " connect out for the server's listen-host and tcp-port"));
    timeout(canary, report);
    for (int i = 0; i < canary.expectRoutes().size(); i++) {
      String route = canary.expectRoutes().get(i);
      Optional<String> problem =
          route.contains("/")
              ? IpNetwork.problem(route)
              : Optional.of("a route is a network with its prefix length");
      if (problem.isPresent()) {
        report.error(
            path(AT, "expect_routes", Integer.toString(i)),
            "invalid route " + Diagnostic.quote(route) + " in expect_routes: " + problem.get(),
            "write a network such as 10.10.0.0/16, 10.10.0.1/32 or 2001:db8::/48");
      }
    }
    for (int i = 0; i < canary.expectDns().size(); i++) {
      String dns = canary.expectDns().get(i);
      Optional<String> problem =
          dns.contains("/")
              ? Optional.of("a DNS server is an address, not a network")
              : IpNetwork.problem(dns);
      if (problem.isPresent()) {
        report.error(
            path(AT, "expect_dns", Integer.toString(i)),
            "invalid DNS server " + Diagnostic.quote(dns) + " in expect_dns: " + problem.get(),
            "write an address such as 10.10.0.53 or 2001:db8::53");
      }
    }
  }

  private static void user(DesiredState state, String name, Report report) {
    User user = state.users().get(name);
    if (user == null) {
      report.error(
          path(AT, "user"),
          "the canary logs in as user " + Diagnostic.quote(name) + ", which is not declared",
          Suggestions.didYouMean(name, state.users().keySet())
              .map(s -> "did you mean " + Diagnostic.quote(s) + "?")
              .orElse(
                  "declare user "
                      + Diagnostic.quote(name)
                      + " (a user of its own, in the groups whose login it proves)"));
    } else if (user.locked()) {
      report.error(
          path(AT, "user"),
          "the canary logs in as user " + Diagnostic.quote(name) + ", which is locked",
          "unlock the canary's user: a locked user can never log in, so every check would fail");
    }
  }

  private static void timeout(Canary canary, Report report) {
    if (canary.timeout().isZero()) {
      report.error(
          path(AT, "timeout"),
          "timeout in the canary block is not a duration",
          "write a duration such as \"20s\", \"1m30s\" or \"1500ms\"");
    } else if (canary.timeout().compareTo(MAX_TIMEOUT) > 0) {
      report.error(
          path(AT, "timeout"),
          "timeout in the canary block is longer than " + MAX_TIMEOUT.toMinutes() + " minutes",
          "a login that takes this long is a failed check; write e.g. \"20s\"");
    }
  }

  static boolean isPin(String pin) {
    if (PIN.matcher(pin).matches()) {
      return Base64.getDecoder().decode(pin.substring("pin-sha256:".length())).length == 32;
    }
    return SHA256.matcher(pin).matches() || SHA1.matcher(pin).matches();
  }

  private static Optional<String> connectProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("not a URL (" + e.getReason() + ")");
    }
    if (!"https".equals(uri.getScheme())) {
      return Optional.of("the URL must start with https:// (ocserv speaks TLS only)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("the URL names no host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.of("the URL may carry no user, query or fragment");
    }
    return Optional.empty();
  }
}
