package io.ocsctl.schema.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworksTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/8",
        "10.0.0.0/255.0.0.0",
        "192.168.1.0",
        "0.0.0.0/0",
        "10.1.2.3/32",
        "fd00::/8",
        "2001:db8::1",
        "::/0",
        "10.0.0.0/255.255.255.255"
      })
  void valid(String network) {
    assertEquals(Optional.empty(), Networks.problem(network));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0/8             | not an IP network",
        "10.0.0.256/8         | not an IP network",
        "vpn.example.com      | not an IP network",
        "10.0.0.0/33          | prefix length too large",
        "fd00::/129           | prefix length too large",
        "10.0.0.0/255.0.255.0 | netmask is not contiguous",
        "10.0.0.0/x           | bad prefix or netmask",
        "10.0.0.0/8/8         | bad prefix or netmask",
      })
  void invalid(String network, String problem) {
    assertEquals(Optional.of(problem), Networks.problem(network));
  }

  @Test
  void ipv4Ranges() {
    assertArrayEquals(new long[] {0x0a000000L, 0x0affffffL}, Networks.ipv4Range("10.0.0.0/8"));
    assertArrayEquals(
        new long[] {0x0a000000L, 0x0affffffL}, Networks.ipv4Range("10.1.2.3/255.0.0.0"));
    assertArrayEquals(
        new long[] {0xc0a86380L, 0xc0a863ffL}, Networks.ipv4Range("192.168.99.128/25"));
    assertArrayEquals(new long[] {0x0a010203L, 0x0a010203L}, Networks.ipv4Range("10.1.2.3"));
    assertArrayEquals(new long[] {0L, 0xffffffffL}, Networks.ipv4Range("0.0.0.0/0"));
    assertNull(Networks.ipv4Range("fd00::/8"));
    assertNull(Networks.ipv4Range("10.0.0.0/33"));
  }
}
