package io.ocsctl.providers.occtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events from what {@code occtl show events} really printed, with and without -j. */
class EventDecoderTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  private static List<OcctlEvent> decode(String text, boolean json) {
    EventDecoder decoder = new EventDecoder(json, CLOCK);
    List<OcctlEvent> events = new ArrayList<>();
    text.lines().forEach(line -> events.addAll(decoder.line(line)));
    assertEquals(List.of(), decoder.drainProblems());
    return events;
  }

  @Test
  void jsonModeTellsConnectFromDisconnectByConnectionId() {
    List<OcctlEvent> events = decode(Captured.read("show-events.json"), true);
    assertEquals(List.of("connect", "disconnect"), events.stream().map(OcctlEvent::event).toList());
    OcctlEvent connect = events.get(0);
    assertEquals("alice", connect.user());
    assertEquals(connect.id(), events.get(1).id());
    assertEquals("default", connect.vhost());
    assertEquals("127.0.0.1", connect.remoteIp());
    assertTrue(connect.vpnIp().startsWith("10.99.0."));
    assertEquals("2026-01-02T03:04:05Z", connect.time());
  }

  @Test
  void textModeCarriesTheReason() {
    List<OcctlEvent> events = decode(Captured.read("show-events.txt"), false);
    assertEquals(List.of("connect", "disconnect"), events.stream().map(OcctlEvent::event).toList());
    assertEquals("server disconnected", events.get(1).reason());
    assertEquals("alice", events.get(1).user());
    assertEquals(events.get(0).id(), events.get(1).id());
  }

  @Test
  void aPartlyReadableEventIsKeptReportedAndTheNextOneStillRead() {
    EventDecoder decoder = new EventDecoder(true, CLOCK);
    List<OcctlEvent> events = new ArrayList<>();
    String stream =
        "[\n]\n\nPress 'q' or CTRL+C to quit\n\n[\n  {\n    \"ID\": 7,\n    \"Username\": \"a\"b\"\n  }\n]\n"
            + "[\n  {\n    \"ID\": 8,\n    \"Username\": \"carol\"\n  }\n]\n";
    stream.lines().forEach(line -> events.addAll(decoder.line(line)));
    assertEquals(2, events.size(), events.toString());
    assertEquals(7, events.get(0).id(), "the fields before the broken string are kept");
    assertEquals("carol", events.get(1).user());
    List<String> problems = decoder.drainProblems();
    assertTrue(problems.stream().anyMatch(p -> p.contains("incomplete")), problems.toString());
  }
}
