package io.ocsctl.schema.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortSyntaxTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "tcp(443)",
        "udp(53)",
        "sctp(9)",
        "tcp(8000-8080)",
        "icmp()",
        "icmpv6()",
        " tcp(1) ",
        "tcp(65535)"
      })
  void valid(String port) {
    assertEquals(Optional.empty(), PortSyntax.problem(port));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "tcp/443         | not of the form proto(N)",
        "443             | not of the form proto(N)",
        "http(80)        | not of the form proto(N)",
        "tcp()           | not of the form proto(N)",
        "TCP(443)        | not of the form proto(N)",
        "udp(70000)      | port out of range 1-65535",
        "tcp(0)          | port out of range 1-65535",
        "tcp(9000-8000)  | range end below its start",
      })
  void invalid(String port, String problem) {
    assertEquals(Optional.of(problem), PortSyntax.problem(port));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'tcp(443), udp(53)'      | ''",
        "'!(tcp(22), tcp(23))'    | ''",
        "'tcp(443) udp(53)'       | ''",
        "'tcp(443), tcp/22'       | '\"tcp/22\": not of the form proto(N)'",
        "'!(udp(99999))'          | '\"udp(99999)\": port out of range 1-65535'",
      })
  void lists(String value, String problem) {
    assertEquals(
        problem.isEmpty() ? Optional.empty() : Optional.of(problem), PortSyntax.listProblem(value));
  }
}
