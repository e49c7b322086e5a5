package io.ocsctl.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.providers.occtl.OcctlParser;
import io.ocsctl.providers.ocserv.Processes;
import io.ocsctl.state.StateDir;
import io.ocsctl.state.UsageLedger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quota accounting against a real ocserv 1.1.6: a user logs in with openconnect from a namespace of
 * its own, sends traffic through the tunnel, disconnects; ocserv's disconnect-script runs {@code
 * ocsctl account}, and the bytes the usage ledger counted are exactly ocserv's own numbers ({@code
 * STATS_BYTES_IN/OUT}), which cover the traffic sent.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UsageAccountingLiveTest {
  private static final int PACKETS = 300;
  private static final int PAYLOAD = 1000;

  /** What must arrive of the payload sent: UDP may lose a packet on a loaded machine. */
  private static final long SENT = PACKETS * PAYLOAD * 9L / 10;

  @Test
  void theLedgerCountsWhatOcservReportsForASessionThatMovedTraffic() throws Exception {
    OcservHarness.requireEnvironment();
    try (ThisBuild build = ThisBuild.launcher()) {
      Path state = build.dir().resolve("state");
      StateDir.at(state);
      Path seen = build.dir().resolve("seen-by-hook");
      Path hook = build.dir().resolve("disconnect.sh");
      Files.writeString(
          hook,
          "#!/bin/sh\n"
              + "# what ocserv told the script, kept for the assertion; then the accounting itself\n"
              + "env | grep -E '^(REASON|USERNAME|STATS_BYTES_IN|STATS_BYTES_OUT)=' > "
              + seen
              + "\nexec "
              + build.command()
              + " account -state-dir "
              + state
              + "\n",
          StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
      run(hook, state, seen);
    }
  }

  private void run(Path hook, Path state, Path seen) throws Exception {
    try (OcservHarness server =
        OcservHarness.start(
            Map.of("alice", "alice-secret-1"), Map.of("disconnect-script", hook.toString()))) {
      server.linkRemoteClient();
      VpnClient client = server.connectRemoteWithTunnel("alice", "alice-secret-1");
      Processes.Result sent =
          server.inClientNamespace(
              List.of(
                  "python3",
                  "-c",
                  "import socket, time\n"
                      + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                      + "for _ in range("
                      + PACKETS
                      + "):\n"
                      + "    s.sendto(b'x' * "
                      + PAYLOAD
                      + ", ('10.99.0.1', 9))\n"
                      + "    time.sleep(0.002)\n"));
      assertTrue(sent.ok(), sent.stderr());

      // a running session: occtl reads the tun device's counters, in ocserv's namespace
      Processes.Result shown =
          server.inServerNamespace(
              List.of("occtl", "-s", server.occtlSocket().toString(), "-j", "show", "users"));
      List<ConnectedUser> running = OcctlParser.users(shown.stdout()).value();
      assertEquals(1, running.size(), shown.stdout());
      assertTrue(
          running.get(0).rxBytes() >= SENT,
          "occtl's RX counts the traffic sent: " + running.get(0).rxBytes());

      client.close();
      UsageLedger ledger = new UsageLedger(StateDir.at(state));
      Instant from = Instant.now().minus(Duration.ofHours(1));
      Instant to = Instant.now().plus(Duration.ofHours(1));
      assertTrue(
          OcservHarness.waitFor(
              Duration.ofSeconds(30), () -> read(ledger, from, to).sessions().size() == 1),
          "the disconnect hook recorded the session; ocserv's log:\n" + server.serverLog());

      Map<String, String> told = new HashMap<>();
      for (String line : Files.readAllLines(seen)) {
        told.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
      UsageLedger.Session counted = read(ledger, from, to).sessions().get(0);
      assertEquals("disconnect", told.get("REASON"));
      assertEquals("alice", counted.user());
      assertEquals(Long.parseLong(told.get("STATS_BYTES_IN")), counted.bytesIn());
      assertEquals(Long.parseLong(told.get("STATS_BYTES_OUT")), counted.bytesOut());
      assertTrue(
          counted.bytesIn() >= SENT, "ocserv counted the traffic sent: " + counted.bytesIn());

      LiveCli.Run usage =
          LiveCli.run(
              Map.of(),
              "usage",
              "-json",
              "-state-dir",
              state.toString(),
              "-occtl-socket",
              server.occtlSocket().toString(),
              "-period",
              YearMonth.now(ZoneId.systemDefault()).toString());
      assertEquals(0, usage.exitCode(), usage.all());
      JsonNode alice = JsonMapper.builder().build().readTree(usage.out()).path("users").get(0);
      assertEquals("alice", alice.path("name").asString());
      assertEquals(counted.bytesIn(), alice.path("bytes_in").asLong());
      assertEquals(counted.bytesOut(), alice.path("bytes_out").asLong());
    }
  }

  private static UsageLedger.Read read(UsageLedger ledger, Instant from, Instant to) {
    try {
      return ledger.read(from, to);
    } catch (java.io.IOException e) {
      return new UsageLedger.Read(List.of(), 0);
    }
  }
}
