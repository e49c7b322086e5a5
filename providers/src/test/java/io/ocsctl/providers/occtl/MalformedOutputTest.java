package io.ocsctl.providers.occtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the parser makes of broken answers: the readable part and a description, or a clean error.
 */
class MalformedOutputTest {
  @Test
  void truncatedListKeepsTheRecordsBeforeTheCut() throws Exception {
    String users = Captured.read("show-users.json");
    int third = users.indexOf("\"ID\"", users.indexOf("\"ID\"", users.indexOf("\"ID\"") + 1) + 1);
    int cut = users.indexOf("\"Groupname\"", third) + 5;
    Parsed<List<ConnectedUser>> parsed = OcctlParser.users(users.substring(0, cut));
    assertEquals(3, parsed.value().size(), "two whole records and the start of the third");
    assertEquals("alice", parsed.value().get(2).user());
    assertFalse(parsed.complete());
    assertTrue(
        parsed.problems().get(0).contains("record 3 is incomplete"), parsed.problems().toString());
  }

  @Test
  void truncatedStatusKeepsItsFirstFields() throws Exception {
    String status = Captured.read("show-status.json");
    Parsed<ServerStatus> parsed =
        OcctlParser.status(status.substring(0, status.indexOf("\"uptime\"")));
    assertTrue(parsed.value().serverPid() > 0);
    assertEquals(-1, parsed.value().activeSessions());
    assertFalse(parsed.complete());
  }

  @Test
  void cutBeforeAnyRecordIsACleanError() {
    OcctlException e = assertThrows(OcctlException.class, () -> OcctlParser.users("[\n  {\n"));
    assertTrue(e.getMessage().startsWith("show users: "), e.getMessage());
  }

  @Test
  void garbageAndEmptyAnswersAreCleanErrors() {
    assertThrows(OcctlException.class, () -> OcctlParser.status(""));
    assertThrows(
        OcctlException.class,
        () -> OcctlParser.users("error connecting to ocserv socket '/x': No such file"));
    assertThrows(OcctlException.class, () -> OcctlParser.sessions("\u0000\u0001\uFFFD]]]"));
    assertThrows(OcctlException.class, () -> OcctlParser.bans("[ 1, 2, 3 ]"));
    OcctlException notStatus =
        assertThrows(OcctlException.class, () -> OcctlParser.status("[\n]\n"));
    assertTrue(notStatus.getMessage().contains("no status"), notStatus.getMessage());
  }

  @Test
  void unescapedQuoteInAUserAgent() throws Exception {
    String users =
        Captured.read("show-users.json")
            .replaceFirst("Open AnyConnect VPN Agent", "Evil \\\\\"quoted\" agent");
    Parsed<List<ConnectedUser>> parsed = OcctlParser.users(users);
    assertFalse(parsed.complete());
    assertEquals(1, parsed.value().size());
    assertEquals("bob", parsed.value().get(0).user());
  }

  @Test
  void noiseBeforeTheJsonIsSkipped() throws Exception {
    String noisy = "nl: cannot find vpns0\nNote: [not json]\n" + Captured.read("show-users.json");
    assertEquals(3, OcctlParser.users(noisy).value().size());
  }

  @Test
  void hugeAnswersAreRefusedAndLargeOnesRead() throws Exception {
    String record =
        "  {\n    \"ID\":  %d,\n    \"Username\":  \"user%d\",\n    \"Groupname\":  \"(none)\"\n  },\n";
    StringBuilder large = new StringBuilder("[\n");
    for (int i = 1; i <= 20000; i++) {
      large.append(String.format(record, i, i));
    }
    large.append("]\n");
    assertEquals(20000, OcctlParser.users(large.toString()).value().size());
    String huge = "[" + " ".repeat(LenientJson.MAX_CHARS) + "]";
    OcctlException e = assertThrows(OcctlException.class, () -> OcctlParser.users(huge));
    assertTrue(e.getMessage().contains("more than 64 MiB"), e.getMessage());
  }

  @Test
  void deepNestingAndHugeStringsAreRefused() throws Exception {
    assertThrows(OcctlException.class, () -> OcctlParser.users("[" + "[".repeat(5000)));
    String longString = "[ { \"ID\": 1, \"Username\": \"" + "x".repeat(2 * 1024 * 1024) + "\" } ]";
    Parsed<List<ConnectedUser>> parsed = OcctlParser.users(longString);
    assertEquals("", parsed.value().get(0).user(), "the 2 MiB name is not read");
    assertTrue(
        parsed.problems().stream().anyMatch(p -> p.contains("String value length")),
        parsed.problems().toString());
  }

  @Test
  void recordsWithoutTheirKeyAreSkippedAndSaid() throws Exception {
    Parsed<List<BanEntry>> parsed =
        OcctlParser.bans("[ { \"IP\": \"10.0.0.1\", \"Score\": 5 }, { \"x\": 1 }, 7 ]");
    assertEquals(1, parsed.value().size());
    assertEquals(2, parsed.problems().size(), parsed.problems().toString());
  }

  @Test
  void numbersOfEveryShape() throws Exception {
    List<ConnectedUser> users =
        OcctlParser.users(
                "[ {\"ID\": \"12\", \"Username\": \"a\"}, {\"ID\": 1e3, \"Username\": \"b\"}, {\"ID\": 99999999999999999999999, \"Username\": \"c\"} ]")
            .value();
    assertEquals(List.of(12L, -1L, -1L), users.stream().map(ConnectedUser::id).toList());
  }
}
