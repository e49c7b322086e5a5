package io.ocsctl.schema.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionCheckTest {
  private static final String WHERE = "in the server settings";

  private static List<String> messages(String key, List<String> values, OptionScope scope) {
    return OptionCheck.check(key, values, scope, WHERE).stream().map(Problem::message).toList();
  }

  private static List<String> messages(String key, String value) {
    return messages(key, List.of(value), OptionScope.MAIN);
  }

  @Test
  void unknownOptionWithSuggestion() {
    List<Problem> problems = OptionCheck.check("max-client", List.of("3"), OptionScope.MAIN, WHERE);
    assertEquals(
        List.of(
            new Problem(
                "unknown option \"max-client\" in the server settings",
                "did you mean \"max-clients\"?")),
        problems);
  }

  @Test
  void unknownOptionWithoutSuggestion() {
    assertEquals(
        "ocserv has no such option; docs/options-catalogue.md lists them all",
        OptionCheck.check("frobnicate", List.of("1"), OptionScope.MAIN, WHERE).get(0).hint());
  }

  @Test
  void scope() {
    List<Problem> p =
        OptionCheck.check(
            "tcp-port", List.of("443"), OptionScope.GROUP, "in the settings of group \"g\"");
    assertEquals(
        List.of(
            new Problem(
                "option \"tcp-port\" is not allowed in the settings of group \"g\"",
                "ocserv accepts it only in the server settings; move it there or delete it")),
        p);
    assertEquals(List.of(), messages("route", List.of("10.0.0.0/8"), OptionScope.USER));
    assertEquals(
        "ocserv accepts it only in user settings (config-per-user) and group settings (config-per-group);"
            + " move it there or delete it",
        OptionCheck.check("explicit-ipv4", List.of("10.0.0.1"), OptionScope.MAIN, WHERE)
            .get(0)
            .hint());
  }

  @Test
  void repeatable() {
    assertEquals(List.of(), messages("dns", List.of("10.0.0.1", "10.0.0.2"), OptionScope.MAIN));
    List<Problem> p =
        OptionCheck.check("max-clients", List.of("16", "32"), OptionScope.MAIN, WHERE);
    assertEquals(
        List.of(
            new Problem(
                "option \"max-clients\" in the server settings takes one value, not a list of 2",
                "write a single value, e.g. 16")),
        p);
  }

  @Test
  void elementOfAList() {
    List<Problem> p =
        OptionCheck.check("dns", List.of("10.0.0.1", "10.0.0.300"), OptionScope.MAIN, WHERE);
    assertEquals(1, p.get(0).element());
    assertEquals(
        -1, OptionCheck.check("dns", List.of("x"), OptionScope.MAIN, WHERE).get(0).element());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "use-occtl          | true             | ",
        "use-occtl          | no               | ",
        "use-occtl          | maybe            | not a boolean",
        "max-clients        | 0                | ",
        "max-clients        | -1               | out of range 0..",
        "max-clients        | many             | not a whole number",
        "log-level          | 9                | ",
        "log-level          | 12               | out of range 0..9",
        "tcp-port           | 443              | ",
        "tcp-port           | 0                | out of range 1..65535",
        "tcp-port           | 70000            | out of range 1..65535",
        "dns                | 10.0.0.53        | ",
        "dns                | fd00::53         | ",
        "dns                | 10.0.0.300       | not an IP address",
        "ipv4-netmask       | 255.255.255.0    | ",
        "ipv4-netmask       | 255.0.255.0      | not a contiguous netmask",
        "ipv4-netmask       | 24               | not a dotted IPv4 netmask",
        "ipv4-network       | 10.0.0.0/33      | prefix length too large",
        "route              | default          | ",
        "route              | 10.0.0/8         | not an IP network",
        "rekey-method       | new-tunnel       | ",
        "rekey-method       | tls              | expected one of ssl, new-tunnel",
        "restrict-user-to-ports | 'tcp(443), udp(53)' | ",
        "restrict-user-to-ports | tcp/22       | '\"tcp/22\": not of the form proto(N)'",
        "auth               | 'anything [goes]' | ",
      })
  void types(String key, String value, String problem) {
    List<String> expected =
        problem == null
            ? List.of()
            : List.of(
                "invalid value \""
                    + value
                    + "\" for option \""
                    + key
                    + "\" in the server settings: "
                    + problem);
    assertEquals(expected, messages(key, value));
  }

  @Test
  void controlCharactersAndSpaces() {
    assertEquals(
        List.of(
            "the value \"a\\nb\" of option \"default-domain\" in the server settings contains a control"
                + " character"),
        messages("default-domain", "a\nb"));
    assertEquals(
        List.of(
            "the value \" x\" of option \"default-domain\" in the server settings has leading or"
                + " trailing spaces"),
        messages("default-domain", " x"));
    // ocserv skips an option whose value is empty (mtu =): adopted with a warning, not refused
    assertEquals(
        List.of(
            "the value \"\" of option \"default-domain\" in the server settings is empty: ocserv"
                + " skips an empty option (or reads 0 or no value)"),
        messages("default-domain", ""));
    assertEquals(
        true,
        OptionCheck.check("mtu", List.of(""), OptionScope.MAIN, "in the server settings")
            .get(0)
            .warning());
    assertEquals(
        List.of("option \"dns\" in the server settings has no value"),
        messages("dns", List.of(), OptionScope.MAIN));
  }

  @Test
  void retiredOptionsAreWarningsAndMisspeltOnesStayErrors() {
    for (String retired : List.of("cookie-validity", "cookie-rekey-time", "hostname")) {
      List<Problem> problems = OptionCheck.check(retired, List.of("300"), OptionScope.MAIN, WHERE);
      assertEquals(1, problems.size(), retired);
      assertTrue(problems.get(0).warning(), retired);
      assertTrue(
          problems.get(0).message().contains("no longer read by ocserv"),
          problems.get(0).message());
    }
    assertTrue(
        OptionCheck.check("cookie-validity", List.of("300"), OptionScope.MAIN, WHERE)
            .get(0)
            .hint()
            .contains("cookie-timeout"));
    // a per-user hostname is a real option, and a misspelling is still an error with its suggestion
    assertEquals(List.of(), OptionCheck.check("hostname", List.of("h1"), OptionScope.USER, WHERE));
    Problem typo =
        OptionCheck.check("cookie-timeut", List.of("300"), OptionScope.MAIN, WHERE).get(0);
    assertFalse(typo.warning());
    assertEquals("did you mean \"cookie-timeout\"?", typo.hint());
  }

  @Test
  void aBooleanWithASecondEqualsSignIsReadAsFalseWithAWarning() {
    List<Problem> problems =
        OptionCheck.check("cisco-client-compat", List.of("true = true"), OptionScope.MAIN, WHERE);
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).warning());
    assertTrue(
        problems.get(0).message().contains("read by ocserv as false"), problems.get(0).message());
    assertFalse(
        OptionCheck.check("use-occtl", List.of("maybe"), OptionScope.MAIN, WHERE).get(0).warning());
  }
}
