package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disconnect hook's {@code account} and {@code usage} on a state directory of their own. */
class UsageCommandTest {
  @TempDir Path tmp;

  private Map<String, String> disconnect(String user, String group, String in, String out) {
    Map<String, String> env = new HashMap<>();
    env.put("REASON", "disconnect");
    env.put("USERNAME", user);
    env.put("GROUPNAME", group);
    env.put("ID", "42");
    env.put("STATS_BYTES_IN", in);
    env.put("STATS_BYTES_OUT", out);
    env.put("STATS_DURATION", "61");
    return env;
  }

  @Test
  void endedSessionsAddUpPerUserAndGroup() {
    String state = tmp.resolve("state").toString();
    assertEquals(
        0,
        Cli.runWith(
                disconnect("alice", "eng", "1048576", "2097152"),
                "",
                "account",
                "-state-dir",
                state)
            .exitCode());
    assertEquals(
        0,
        Cli.runWith(disconnect("alice", "eng", "1048576", "0"), "", "account", "-state-dir", state)
            .exitCode());
    assertEquals(
        0,
        Cli.runWith(disconnect("bob", "ops", "10", "20"), "", "account", "-state-dir", state)
            .exitCode());
    Map<String, String> connect = disconnect("carol", "eng", "5", "5");
    connect.put("REASON", "connect");
    assertEquals(
        0,
        Cli.runWith(connect, "", "account", "-state-dir", state).exitCode(),
        "not a disconnect: nothing to record");

    Cli.Run text =
        Cli.run(
            "usage",
            "-root",
            tmp.toString(),
            "-state-dir",
            state,
            "-occtl-socket",
            tmp.resolve("none.socket").toString());
    assertEquals(0, text.exitCode(), text.err());
    String month = YearMonth.now(ZoneId.systemDefault()).toString();
    assertTrue(text.out().startsWith("Traffic in " + month), text.out());
    assertTrue(
        text.out().matches("(?s).*alice\\s+2\\.0 MiB\\s+2\\.0 MiB\\s+4\\.0 MiB\\s+2\\s+0.*"),
        text.out());
    assertTrue(text.out().matches("(?s).*eng\\s+2\\.0 MiB.*"), text.out());
    assertFalse(text.out().contains("carol"));
    assertTrue(text.err().contains("sessions still running are not counted"), text.err());

    Cli.Run json =
        Cli.run(
            "usage", "-root", tmp.toString(), "-state-dir", state, "-period", "2001-01", "-json");
    assertEquals(0, json.exitCode(), json.err());
    assertTrue(json.out().replaceAll("\\s", "").contains("\"period\":\"2001-01\""), json.out());
    assertTrue(json.out().replaceAll("\\s", "").contains("\"users\":[]"), json.out());
    assertEquals("", json.err(), "a past month needs no running server");
  }

  @Test
  void aHookCallWithoutOcservsNumbersRecordsNothingAndSaysWhy() throws Exception {
    Path state = tmp.resolve("state");
    Cli.Run run =
        Cli.runWith(
            disconnect("alice\u001b[31m", "eng", "12abc", "0"),
            "",
            "account",
            "-state-dir",
            state.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("STATS_BYTES_IN is not a byte count"), run.err());
    assertFalse(run.err().contains("\u001b"));
    assertFalse(Files.exists(state.resolve("usage")));
  }

  @Test
  void aMonthThatIsNoMonthIsAClearError() {
    Cli.Run run =
        Cli.run(
            "usage",
            "-root",
            tmp.toString(),
            "-state-dir",
            tmp.resolve("s").toString(),
            "-period",
            "12/2026");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("write it as 2026-12"), run.err());
  }
}
