package io.ocsctl.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.providers.ocserv.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A firewall policy reaches the tunnel: with a real ocserv 1.1.6 and openconnect (see {@link
 * OcservHarness}), a member of a group whose policy restricts it to its route and {@code tcp(443)}
 * gets exactly the iptables rules ocserv-fw writes for that, in the namespace; a changed policy
 * leaves the connected session on the old rules unless apply runs with {@code -reconnect-affected},
 * which disconnects it so its next login gets the new rules; and removing the user leaves no
 * ocserv-fw rule behind. One server for the class; the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FirewallLiveTest {
  private static final String PASSWORD = "dave-secret-4";

  /**
   * Inside what the harness's server allows: its VPN network is 10.99.0.0/24, its DNS 10.99.0.1.
   */
  private static final String ROUTE = "10.99.0.0/16";

  private static final Duration RULES_WAIT = Duration.ofSeconds(10);

  private static OcservHarness server;
  private static OcservHarness.Desired desired;
  private static VpnClient dave;

  @BeforeAll
  static void start() throws Exception {
    OcservHarness.requireEnvironment();
    for (String tool : List.of("iptables", "ip6tables", "ocserv-fw")) {
      if (Processes.find(tool).isEmpty()) {
        OcservHarness.skip(tool + " is not installed (Debian: apt-get install iptables ocserv)");
      }
    }
    server = OcservHarness.start(Map.of(), Map.of());
    Processes.Result probe =
        Processes.run(
            List.of("ip", "netns", "exec", server.netns(), "iptables", "-S"),
            Duration.ofSeconds(10));
    if (!probe.ok()) {
      OcservHarness.skip(
          "iptables does not work in a network namespace here (" + probe.stderr().strip() + ")");
    }
    // erin never connects: removing dave must not be the mass destroy of every user
    desired =
        server
            .desired()
            .group("web", Map.of("route", ROUTE))
            .user("dave", PASSWORD, "web")
            .user("erin", "erin-secret-5", "web");
    LiveCli.Run apply = apply("tcp(443)");
    assertEquals(0, apply.exitCode(), apply.all());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void theGroupFileCarriesThePolicyAndTheMembersDeviceGetsExactlyItsRules() throws Exception {
    String group = Files.readString(server.dir().resolve("config-per-group/web"));
    assertEquals(
        "route = "
            + ROUTE
            + "\nrestrict-user-to-routes = true\nrestrict-user-to-ports = \"tcp(443)\"\n",
        group);
    dave = server.connect("dave", PASSWORD);
    assertRules(device(), 443);
  }

  @Test
  @Order(2)
  void aChangedPolicyKeepsTheConnectedSessionOnItsOldRulesByDefault() throws Exception {
    String device = device();
    LiveCli.Run plan = plan("tcp(80)");
    assertEquals(0, plan.exitCode(), plan.all());
    assertTrue(
        plan.out().contains("  # firewall_policy[\"web-only\"] will be updated in place"),
        plan.out());
    assertTrue(
        plan.out()
            .contains(
                "  - firewall rules change for 1 live session: dave (1 session); connected users"
                    + " keep the old rules until they reconnect (apply -reconnect-affected disconnects them)\n"),
        plan.out());

    LiveCli.Run apply = apply("tcp(80)");
    assertEquals(0, apply.exitCode(), apply.all());
    assertTrue(
        apply
            .out()
            .contains(
                "ocserv: 1 session (dave) keeps the old firewall rules until it reconnects;"
                    + " use -reconnect-affected\n"),
        apply.all());
    assertTrue(dave.alive(), dave.output());
    assertEquals(device, device());
    assertRules(device, 443);
  }

  @Test
  @Order(3)
  void reconnectAffectedDisconnectsTheSessionAndItsNextLoginGetsTheNewRules() throws Exception {
    String before = device();
    LiveCli.Run apply = apply("tcp(8443)", "-reconnect-affected");
    assertEquals(0, apply.exitCode(), apply.all());
    assertTrue(
        apply
            .out()
            .contains(
                "ocserv: disconnected user[\"dave\"] (1 session): its next login gets the new"
                    + " firewall rules\n"),
        apply.all());
    assertTrue(
        dave.waitForExit(Duration.ofSeconds(15)), "openconnect still runs:\n" + dave.output());
    assertEquals(List.of(), server.occtl().user("dave").value());
    assertTrue(
        OcservHarness.waitFor(RULES_WAIT, () -> deviceRules("iptables", before).isEmpty()),
        "ocserv-fw left rules for " + before + ":\n" + rules("iptables"));

    dave = server.connect("dave", PASSWORD);
    assertRules(device(), 8443);
    LiveCli.Run again = plan("tcp(8443)", "-detailed-exitcode");
    assertEquals(0, again.exitCode(), again.all());
  }

  @Test
  @Order(4)
  void removingTheUserLeavesNoFirewallRuleBehind() throws Exception {
    desired.remove("dave");
    LiveCli.Run apply = apply("tcp(8443)");
    assertEquals(0, apply.exitCode(), apply.all());
    assertTrue(
        apply.out().contains("ocserv: disconnected user[\"dave\"] (1 session)\n"), apply.all());
    assertFalse(apply.out().contains("firewall rules"), apply.all());
    assertTrue(
        dave.waitForExit(Duration.ofSeconds(15)), "openconnect still runs:\n" + dave.output());
    for (String tool : List.of("iptables", "ip6tables")) {
      assertTrue(
          OcservHarness.waitFor(RULES_WAIT, () -> fwRules(tool).isEmpty()),
          tool + " still holds ocserv-fw rules:\n" + rules(tool));
    }
  }

  /**
   * The IPv4 rules ocserv-fw 1.1.6 writes for a user restricted to {@link #ROUTE} and one TCP port,
   * with the server's DNS (10.99.0.1) reachable: the port jumps to the device's chain and every
   * other packet is rejected; the chain accepts the route and rejects the rest.
   */
  private static List<String> expected(String device, int port) {
    String chain = "FORWARD-ocserv-fw-" + device;
    String tag = "-m comment --comment ocserv-fw";
    return List.of(
        "-N " + chain,
        "-A FORWARD -o "
            + device
            + " -m conntrack --ctstate RELATED,ESTABLISHED "
            + tag
            + " -j ACCEPT",
        "-A FORWARD -d 10.99.0.1/32 -i "
            + device
            + " -p udp -m udp --dport 53 "
            + tag
            + " -j ACCEPT",
        "-A FORWARD -d 10.99.0.1/32 -i "
            + device
            + " -p tcp -m tcp --dport 53 -m state --state NEW,ESTABLISHED "
            + tag
            + " -j ACCEPT",
        "-A FORWARD -i " + device + " -p tcp -m tcp --dport " + port + " " + tag + " -j " + chain,
        "-A FORWARD -i " + device + " " + tag + " -j REJECT --reject-with icmp-port-unreachable",
        "-A FORWARD -i " + device + " " + tag + " -j " + chain,
        "-A " + chain + " -d " + ROUTE + " -i " + device + " " + tag + " -j ACCEPT",
        "-A "
            + chain
            + " -i "
            + device
            + " "
            + tag
            + " -j REJECT --reject-with icmp-port-unreachable");
  }

  /**
   * Waits until the device's rules are the expected ones (ocserv-fw may still be running), then
   * compares them.
   */
  private static void assertRules(String device, int port) throws Exception {
    List<String> expected = expected(device, port);
    OcservHarness.waitFor(RULES_WAIT, () -> deviceRules("iptables", device).equals(expected));
    assertEquals(expected, deviceRules("iptables", device), rules("iptables"));
  }

  /** The tun device of dave's one connection, as occtl reports it. */
  private static String device() throws Exception {
    List<ConnectedUser> connections = server.occtl().user("dave").value();
    assertEquals(1, connections.size(), connections.toString());
    String device = connections.get(0).device();
    assertTrue(device.matches("vpns[0-9]+"), device);
    return device;
  }

  /** {@code TOOL -S} in the server's namespace. */
  private static String rules(String tool) {
    try {
      Processes.Result r =
          Processes.run(
              List.of("ip", "netns", "exec", server.netns(), tool, "-S"), Duration.ofSeconds(10));
      return r.stdout() + r.stderr();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of {@code TOOL -S} that name the device (its rules and its chain). */
  private static List<String> deviceRules(String tool, String device) {
    return rules(tool).lines().filter(l -> l.matches(".*[ -]" + device + "( .*)?")).toList();
  }

  /** The lines of {@code TOOL -S} tagged or named ocserv-fw. */
  private static List<String> fwRules(String tool) {
    return rules(tool).lines().filter(l -> l.contains("ocserv-fw")).toList();
  }

  private static LiveCli.Run apply(String ports, String... extra) throws Exception {
    return run("apply", ports, extra);
  }

  private static LiveCli.Run plan(String ports, String... extra) throws Exception {
    return run("plan", ports, extra);
  }

  /**
   * Runs {@code ocsctl COMMAND} on the harness's desired state with a policy {@code web-only}
   * (restrict_to_routes and {@code ports}) that group "web" uses.
   */
  private static LiveCli.Run run(String command, String ports, String... extra) throws Exception {
    Path file = server.write(desired);
    String hcl = Files.readString(file);
    String header = "group \"web\" {\n";
    assertTrue(hcl.contains(header), hcl);
    hcl =
        hcl.replace(header, header + "  firewall = \"web-only\"\n")
            + "\nfirewall_policy \"web-only\" {\n  restrict_to_routes = true\n  allow_ports        = [\""
            + ports
            + "\"]\n}\n";
    Files.writeString(file, hcl);
    List<String> args = new ArrayList<>(List.of(command, "-f", file.toString()));
    if (command.equals("apply")) {
      args.add("-auto-approve");
    } else {
      args.add("-no-color");
    }
    args.addAll(server.target());
    args.addAll(List.of(extra));
    return server.ocsctl(args.toArray(String[]::new));
  }
}
