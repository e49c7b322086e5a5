package io.ocsctl.engine.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.Failure;
import io.ocsctl.engine.doctor.Check;
import io.ocsctl.providers.openconnect.VpnLogin;
import io.ocsctl.schema.model.Canary;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.Server;
import io.ocsctl.schema.model.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The canary's checks against a stand-in client: what passes, what fails and why. */
class CanaryLoginTest {
  private static final Map<String, String> ENV = Map.of("CANARY_PW", "canary-secret");

  private static DesiredState state(List<String> routes, List<String> dns, Optional<String> url) {
    Canary canary =
        new Canary(
            "canary",
            new Secret.FromEnv("CANARY_PW"),
            url,
            "pin-sha256:x",
            routes,
            dns,
            Duration.ofSeconds(5));
    Server server =
        new Server(
            new Settings(Map.of("tcp-port", List.of("4443"), "listen-host", List.of("::1"))),
            Optional.empty());
    return new DesiredState(server, Map.of(), Map.of(), Map.of(), Map.of(), Optional.of(canary));
  }

  /** A client that answers with {@code result} and remembers what it was asked. */
  private static final class Fake implements VpnLogin {
    final List<Request> asked = new ArrayList<>();
    final Result result;

    Fake(Result result) {
      this.result = result;
    }

    @Override
    public Result login(Request request) {
      asked.add(request);
      return result;
    }
  }

  private static VpnLogin.Result up(Map<String, String> pushed) {
    return new VpnLogin.Result(true, pushed, Duration.ofMillis(840), false, List.of());
  }

  private static CanaryReport run(DesiredState state, Fake fake) throws Failure.Failed {
    return CanaryLogin.prepare(state, Path.of("."), ENV, () -> Optional.of(fake), "apply -verify")
        .run();
  }

  private static final Map<String, String> PUSHED =
      Map.of(
          "INTERNAL_IP4_ADDRESS", "10.99.0.9",
          "INTERNAL_IP4_DNS", "10.10.0.53 10.10.0.54",
          "CISCO_SPLIT_INC", "2",
          "CISCO_SPLIT_INC_0_ADDR", "10.10.0.0",
          "CISCO_SPLIT_INC_0_MASKLEN", "16",
          "CISCO_SPLIT_INC_1_ADDR", "10.20.0.0",
          "CISCO_SPLIT_INC_1_MASKLEN", "24");

  @Test
  void everyExpectationPushedPasses() throws Exception {
    Fake fake = new Fake(up(PUSHED));
    CanaryReport report =
        run(
            state(List.of("10.20.0.0/24", "10.10.0.0/16"), List.of("10.10.0.54"), Optional.empty()),
            fake);
    assertTrue(report.ok(), report.toString());
    assertEquals(Optional.of(Duration.ofMillis(840)), report.latency());
    assertEquals(
        List.of(
            "login PASS logged in as user \"canary\" at https://[::1]:4443: tunnel up in 0.84 s"
                + " (address 10.99.0.9)",
            "routes PASS pushed 10.20.0.0/24, 10.10.0.0/16 (all pushed: 10.10.0.0/16,"
                + " 10.20.0.0/24)",
            "dns PASS pushed 10.10.0.54 (all pushed: 10.10.0.53, 10.10.0.54)"),
        report.checks().stream()
            .map(c -> c.name() + " " + c.status() + " " + c.message())
            .toList());
    VpnLogin.Request asked = fake.asked.get(0);
    assertEquals("https://[::1]:4443", asked.url());
    assertEquals("canary-secret", asked.password());
    assertFalse(asked.toString().contains("canary-secret"));
  }

  @Test
  void aMissingRouteOrDnsServerFailsNamingIt() throws Exception {
    CanaryReport report =
        run(
            state(List.of("10.30.0.0/16"), List.of("10.10.0.99"), Optional.of("https://vpn:443")),
            new Fake(up(PUSHED)));
    assertFalse(report.ok());
    assertEquals("routes", report.failed().orElseThrow().name());
    assertEquals(
        "10.30.0.0/16 was not pushed to the canary (pushed: 10.10.0.0/16, 10.20.0.0/24)",
        report.failed().get().message());
    assertEquals(Check.Status.FAIL, report.checks().get(2).status());
    assertEquals(
        "the canary check 'routes' failed: 10.30.0.0/16 was not pushed to the canary (pushed:"
            + " 10.10.0.0/16, 10.20.0.0/24)",
        new CanaryFailedException(report).getMessage());
  }

  @Test
  void noSplitRoutesIsTheWholeAddressSpace() throws Exception {
    CanaryReport report =
        run(
            state(List.of("0.0.0.0/0"), List.of(), Optional.empty()),
            new Fake(up(Map.of("INTERNAL_IP4_ADDRESS", "10.99.0.9"))));
    assertTrue(report.ok(), report.toString());
    assertEquals(Check.Status.SKIP, report.checks().get(2).status());
  }

  @Test
  void noTunnelFailsTheLoginWithWhatTheClientSaid() throws Exception {
    CanaryReport refused =
        run(
            state(List.of("10.10.0.0/16"), List.of(), Optional.empty()),
            new Fake(
                new VpnLogin.Result(
                    false,
                    Map.of(),
                    Duration.ofMillis(300),
                    false,
                    List.of("Login failed.", "Failed to complete \u001b[2Jauthentication"))));
    assertEquals("login", refused.failed().orElseThrow().name());
    assertEquals(
        "openconnect could not log in as user \"canary\" at https://[::1]:4443 (openconnect:"
            + " Login failed.; Failed to complete \u241b[2Jauthentication)",
        refused.failed().get().message());
    assertEquals(Optional.empty(), refused.latency());
    assertEquals(Check.Status.SKIP, refused.checks().get(1).status());
    CanaryReport slow =
        run(
            state(List.of(), List.of(), Optional.empty()),
            new Fake(new VpnLogin.Result(false, Map.of(), Duration.ofSeconds(5), true, List.of())));
    assertTrue(slow.failed().orElseThrow().message().startsWith("no tunnel within 5.00 s"));
  }

  @Test
  void whatCannotWorkIsRefusedBeforeAnything() {
    DesiredState state = state(List.of(), List.of(), Optional.empty());
    Failure.Failed noClient =
        assertThrows(
            Failure.Failed.class,
            () ->
                CanaryLogin.prepare(
                    state, Path.of("."), ENV, VpnLogin.Factory.NONE, "apply -verify"));
    assertTrue(
        String.join("\n", noClient.failure().lines()).contains("apt-get install openconnect"),
        noClient.getMessage());
    Failure.Failed noPassword =
        assertThrows(
            Failure.Failed.class,
            () ->
                CanaryLogin.prepare(
                    state,
                    Path.of("."),
                    Map.of(),
                    () -> Optional.of(new Fake(up(PUSHED))),
                    "apply -verify"));
    assertInstanceOf(Failure.SecretUnavailable.class, noPassword.failure());
    DesiredState none = new DesiredState(Server.EMPTY, Map.of(), Map.of(), Map.of(), Map.of());
    Failure.Failed noCanary =
        assertThrows(
            Failure.Failed.class,
            () ->
                CanaryLogin.prepare(
                    none, Path.of("."), ENV, VpnLogin.Factory.NONE, "doctor -login"));
    assertTrue(noCanary.getMessage().contains("has no canary block"), noCanary.getMessage());
  }
}
