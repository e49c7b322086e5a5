package io.ocsctl.engine.canary;

import io.ocsctl.engine.Failure;
import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.doctor.Check;
import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.engine.plan.ServerAction;
import io.ocsctl.providers.openconnect.Openconnect;
import io.ocsctl.providers.openconnect.VpnLogin;
import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.Printable;
import io.ocsctl.schema.model.Canary;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The canary login of {@code apply -verify} and {@code doctor -login}: the {@code canary} block's
 * user logs in with the real client, the tunnel must come up within the timeout, and every expected
 * route and DNS server must be among those pushed. {@link #prepare} refuses, before anything is
 * written, what cannot work (no canary block, no client, no password); {@link #run} never throws:
 * every problem is a failed check.
 */
public final class CanaryLogin {
  private final Canary canary;
  private final String url;
  private final String password;
  private final VpnLogin client;

  private CanaryLogin(Canary canary, String url, String password, VpnLogin client) {
    this.canary = canary;
    this.url = url;
    this.password = password;
    this.client = client;
  }

  /** The plan's canary step for {@code state}: empty when it declares no canary. */
  public static Optional<ServerAction.Canary> step(DesiredState state) {
    return state
        .canary()
        .map(c -> new ServerAction.Canary(c.user(), url(state), c.expectRoutes(), c.expectDns()));
  }

  /**
   * Where the canary logs in: {@code connect}, else the server's own {@code listen-host} (this host
   * when it listens everywhere) and {@code tcp-port} (443 when unset), as the desired state has
   * them.
   */
  static String url(DesiredState state) {
    Canary canary = state.canary().orElseThrow();
    if (canary.connect().isPresent()) {
      return canary.connect().get();
    }
    List<String> host = state.server().settings().get("listen-host");
    List<String> port = state.server().settings().get("tcp-port");
    String h = host.isEmpty() ? "127.0.0.1" : host.get(0);
    if (h.contains(":") && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return "https://" + h + ":" + (port.isEmpty() ? "443" : port.get(0));
  }

  /**
   * Everything the login needs, or the refusal: {@code desiredDir} is where a relative password
   * file is read from, {@code command} names what asked ({@code apply -verify}) in the messages.
   */
  public static CanaryLogin prepare(
      DesiredState state,
      Path desiredDir,
      Map<String, String> env,
      VpnLogin.Factory clients,
      String command)
      throws Failure.Failed {
    return prepare(
        state, state.canary().isPresent() ? url(state) : "", desiredDir, env, clients, command);
  }

  /** {@link #prepare}, logging in at {@code url} (the plan's canary step says where). */
  public static CanaryLogin prepare(
      DesiredState state,
      String url,
      Path desiredDir,
      Map<String, String> env,
      VpnLogin.Factory clients,
      String command)
      throws Failure.Failed {
    if (state.canary().isEmpty()) {
      throw new Failure.Failed(
          new Failure.Other(
              command + " logs in as the canary, but the desired state has no canary block",
              "declare canary { user = \"NAME\", password = { env = \"VAR\" }, server_cert ="
                  + " \"pin-sha256:...\" } (docs/canary.md)"));
    }
    Optional<VpnLogin> client = clients.find();
    if (client.isEmpty()) {
      throw new Failure.Failed(
          new Failure.Other(
              command + " logs in with the openconnect client, which is not installed",
              "install it ("
                  + Openconnect.INSTALL
                  + "), or name it with $"
                  + Openconnect.PROGRAM_ENV
                  + "; nothing was changed"));
    }
    Canary canary = state.canary().get();
    return new CanaryLogin(canary, url, password(canary, desiredDir, env), client.get());
  }

  private static String password(Canary canary, Path dir, Map<String, String> env)
      throws Failure.Failed {
    String source =
        canary.password() instanceof Secret.FromEnv e
            ? "env:" + e.variable()
            : "file:" + ((Secret.FromFile) canary.password()).path();
    String where =
        canary.password() instanceof Secret.FromEnv e
            ? "the environment variable " + e.variable()
            : "the file " + dir.resolve(((Secret.FromFile) canary.password()).path());
    Optional<String> value;
    try {
      value = Passwords.currentSource(source, dir, env);
    } catch (IOException e) {
      value = Optional.empty();
    }
    if (value.isEmpty()) {
      throw new Failure.Failed(
          new Failure.SecretUnavailable(
              "the canary's password comes from "
                  + where
                  + ", which is unset, empty or unreadable"));
    }
    return value.get();
  }

  /**
   * {@code doctor -login}, {@code drift -login}: loads and checks the desired state at {@code
   * desired} and logs in as its canary now.
   */
  public static CanaryReport onDemand(
      Path desired, Map<String, String> env, VpnLogin.Factory clients, String command)
      throws Failure.Failed, InvalidInputException {
    DesiredState state = DesiredStates.load(desired).state();
    return prepare(state, Workflow.desiredDir(desired), env, clients, command).run();
  }

  /** The canary's user of the desired state at {@code desired} (loaded and checked). */
  public static Optional<String> canaryUser(Path desired) throws InvalidInputException {
    return DesiredStates.load(desired).state().canary().map(Canary::user);
  }

  /** The user the canary logs in as. */
  public String user() {
    return canary.user();
  }

  /** Logs in and checks; never throws. */
  public CanaryReport run() {
    List<Check> checks = new ArrayList<>();
    VpnLogin.Result result;
    try {
      result =
          client.login(
              new VpnLogin.Request(
                  url, canary.user(), password, canary.serverCert(), canary.timeout()));
    } catch (IOException | RuntimeException e) {
      checks.add(
          new Check("login", Check.Status.FAIL, "could not run openconnect: " + e.getMessage()));
      skipRest(checks);
      return new CanaryReport(checks, Optional.empty());
    }
    String who = "user " + Diagnostic.quote(canary.user()) + " at " + url;
    if (!result.connected()) {
      String why =
          result.timedOut()
              ? "no tunnel within " + CanaryReport.seconds(canary.timeout())
              : "openconnect could not log in";
      String said =
          result.output().isEmpty()
              ? ""
              : " (openconnect: " + String.join("; ", result.output()) + ")";
      checks.add(new Check("login", Check.Status.FAIL, Printable.line(why + " as " + who + said)));
      skipRest(checks);
      return new CanaryReport(checks, Optional.empty());
    }
    checks.add(
        new Check(
            "login",
            Check.Status.PASS,
            Printable.line(
                "logged in as "
                    + who
                    + ": tunnel up in "
                    + CanaryReport.seconds(result.latency())
                    + address(result.pushed()))));
    Pushed pushed = Pushed.of(result.pushed());
    checks.add(compare("routes", "expect_routes", canary.expectRoutes(), pushed.routes()));
    checks.add(compare("dns", "expect_dns", canary.expectDns(), pushed.dns()));
    return new CanaryReport(checks, Optional.of(result.latency()));
  }

  private static String address(Map<String, String> pushed) {
    String a = pushed.getOrDefault("INTERNAL_IP4_ADDRESS", pushed.get("INTERNAL_IP6_ADDRESS"));
    return a == null ? "" : " (address " + a + ")";
  }

  private static Check compare(
      String name, String attribute, List<String> expected, List<String> pushed) {
    String all = pushed.isEmpty() ? "none" : String.join(", ", pushed);
    if (expected.isEmpty()) {
      return new Check(
          name, Check.Status.SKIP, Printable.line("no " + attribute + " (pushed: " + all + ")"));
    }
    List<String> missing =
        expected.stream().filter(e -> !Pushed.containsNetwork(pushed, e)).toList();
    if (missing.isEmpty()) {
      return new Check(
          name,
          Check.Status.PASS,
          Printable.line("pushed " + String.join(", ", expected) + " (all pushed: " + all + ")"));
    }
    return new Check(
        name,
        Check.Status.FAIL,
        Printable.line(
            String.join(", ", missing)
                + (missing.size() == 1 ? " was" : " were")
                + " not pushed to the canary (pushed: "
                + all
                + ")"));
  }

  private static void skipRest(List<Check> checks) {
    checks.add(new Check("routes", Check.Status.SKIP, "no tunnel"));
    checks.add(new Check("dns", Check.Status.SKIP, "no tunnel"));
  }
}
