package io.ocsctl.schema.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpNetworkTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.10",
        "10.1.0.0/16",
        "10.1.0.0/255.255.0.0",
        "0.0.0.0/0",
        "::",
        "::1",
        "::/0",
        "2001:db8::/48",
        "2001:DB8:0:0:0:0:0:1",
        "1::",
        "fe80::1:2:3:4:5:6",
        "::ffff:192.0.2.1",
        "64:ff9b::192.0.2.1/120"
      })
  void valid(String text) {
    assertEquals(Optional.empty(), IpNetwork.problem(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "vpn.example.com        | not an IP address or network",
        "''                     | not an IP address or network",
        "192.0.2.300            | not an IP address or network",
        "1:2:3:4:5:6:7:8:9      | not an IP address or network",
        "1:2:3:4:5:6:7          | not an IP address or network",
        "1::2::3                | not an IP address or network",
        ":1                     | not an IP address or network",
        "12345::                | not an IP address or network",
        "1.2.3.4::              | not an IP address or network",
        "fe80::1%eth0           | not an IP address or network",
        "10.0.0.0/33            | prefix length too large",
        "2001:db8::/129         | prefix length too large",
        "10.0.0.0/255.0.255.0   | netmask is not contiguous",
        "2001:db8::/ffff::      | bad prefix length",
        "10.0.0.0/x             | bad prefix length",
      })
  void invalid(String text, String problem) {
    assertEquals(Optional.of(problem), IpNetwork.problem(text));
  }

  @Test
  void overlapsComparesTheBitsBothPrefixesFix() {
    assertTrue(net("10.1.0.0/16").overlaps(net("10.1.200.3")));
    assertTrue(net("10.1.0.0/255.255.0.0").overlaps(net("10.1.200.3")));
    assertFalse(net("10.1.0.0/16").overlaps(net("10.2.0.1")));
    assertTrue(net("192.0.2.10").overlaps(net("192.0.2.10")));
    assertFalse(net("192.0.2.10").overlaps(net("192.0.2.11")));
    assertTrue(net("0.0.0.0/0").overlaps(net("203.0.113.9")));
    assertFalse(net("::/0").overlaps(net("203.0.113.9")), "families never overlap");
    assertTrue(net("2001:db8:1:2::10").overlaps(net("2001:db8:1:2::/64")));
    assertFalse(net("2001:db8:1:3::10").overlaps(net("2001:db8:1:2::/64")));
    assertTrue(net("::ffff:192.0.2.1").overlaps(net("0:0:0:0:0:ffff:c000:201")));
  }

  private static IpNetwork net(String text) {
    return IpNetwork.parse(text).orElseThrow();
  }
}
