package io.ocsctl.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
  static final List<String> OPTIONS =
      List.of(
          "max-clients",
          "max-same-clients",
          "tcp-port",
          "udp-port",
          "password_hash",
          "route",
          "no-route",
          "user",
          "group");

  @ParameterizedTest
  @CsvSource({
    "max-client, max-clients",
    "MAX-CLIENTS, max-clients",
    "tcp_port, tcp-port",
    "passwd_hash, password_hash",
    "rout, route",
    "users, user",
  })
  void suggestsTheClosestCandidate(String typed, String expected) {
    assertEquals(Optional.of(expected), Suggestions.didYouMean(typed, OPTIONS));
  }

  @Test
  void suggestsNothingForUnrelatedWords() {
    assertEquals(Optional.empty(), Suggestions.didYouMean("frobnicate", OPTIONS));
    assertEquals(Optional.empty(), Suggestions.didYouMean("x", List.of()));
  }

  @Test
  void distanceIsLevenshtein() {
    assertEquals(0, Suggestions.distance("abc", "abc"));
    assertEquals(1, Suggestions.distance("abc", "abd"));
    assertEquals(1, Suggestions.distance("abc", "ab"));
    assertEquals(3, Suggestions.distance("", "abc"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }
}
