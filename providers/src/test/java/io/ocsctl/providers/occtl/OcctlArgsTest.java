package io.ocsctl.providers.occtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only values occtl reads as one word of the intended kind get through. */
class OcctlArgsTest {
  @ParameterizedTest
  @ValueSource(strings = {"alice", "bob.smith", "x_y", "a@example.com", "u+tag", "a-b", "9lives"})
  void userNames(String name) throws Exception {
    assertEquals(name, OcctlArgs.user(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "-x", "--help", "a b", "a\nb", "a'b", "a\"b", "a;b", "a$b", "a/b", "ä", "a\tb", "a:b"
      })
  void unsafeUserNames(String name) {
    assertThrows(OcctlException.class, () -> OcctlArgs.user(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1 2", "12a", "99999999999", ""})
  void badIds(String id) {
    assertThrows(OcctlException.class, () -> OcctlArgs.id(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"w5WzTA", "f+7crY", "w5WzTAVRUURFS7D2ti8E9l2cSXI="})
  void sessionIds(String sid) throws Exception {
    assertEquals(sid, OcctlArgs.session(sid));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a b", "abc;"})
  void badSessionIds(String sid) {
    assertThrows(OcctlException.class, () -> OcctlArgs.session(sid));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.99.0.1", "::1", "2001:db8::1", "fe80::1:2"})
  void ips(String ip) throws Exception {
    assertEquals(ip, OcctlArgs.ip(ip));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "256.1.1.1",
        "1.2.3",
        "localhost",
        "-1.2.3.4",
        "1::2::3",
        "::: ",
        "cafe",
        "1.2.3.4 5"
      })
  void badIps(String ip) {
    assertThrows(OcctlException.class, () -> OcctlArgs.ip(ip));
  }

  @ParameterizedTest
  @ValueSource(strings = {"relative/sock", "-s", "/a\nb", ""})
  void badSockets(String path) {
    assertThrows(OcctlException.class, () -> OcctlArgs.socket(path));
  }
}
