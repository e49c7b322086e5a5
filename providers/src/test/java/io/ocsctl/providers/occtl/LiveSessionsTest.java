package io.ocsctl.providers.occtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveSessionsTest {
  private final LiveSessions live =
      new LiveSessions(
          true,
          Map.of("bob", 2, "alice", 1, "carol", 0),
          Map.of("bob", Set.of("eng", "ops"), "alice", Set.of("eng"), "carol", Set.of("eng")),
          true,
          List.of());

  @Test
  void describesSessionsPerUser() {
    assertEquals("2 active sessions", live.describeSessions("bob"));
    assertEquals("1 active session", live.describeSessions("alice"));
    assertEquals("no active session", live.describeSessions("dave"));
  }

  @Test
  void listsConnectedMembersOfAGroup() {
    assertEquals(List.of("alice (1 session)", "bob (2 sessions)"), live.connectedMembers("eng"));
    assertEquals(List.of("bob (2 sessions)"), live.connectedMembers("ops"));
    assertEquals(List.of(), live.connectedMembers("sales"));
  }
}
