package io.ocsctl.schema.validate;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address with a prefix length: {@code 192.0.2.10} (a /32), {@code 10.1.0.0/16},
 * {@code 10.1.0.0/255.255.0.0}, {@code 2001:db8::/48}. Parsed here, not by {@link
 * java.net.InetAddress}, which falls back to a DNS lookup for text it cannot read as a literal.
 */
public record IpNetwork(byte[] address, int prefix) {
  public IpNetwork {
    address = address.clone();
    if (address.length != 4 && address.length != 16 || prefix < 0 || prefix > address.length * 8) {
      throw new IllegalArgumentException(
          "not an IPv4/IPv6 network: " + address.length + " bytes, /" + prefix);
    }
  }

  /** The network {@code text} names, or what is wrong with it. */
  public static Optional<IpNetwork> parse(String text) {
    return problem(text).isPresent() ? Optional.empty() : Optional.of(read(text));
  }

  /** Why {@code text} is not an address or network, empty when it is one. */
  public static Optional<String> problem(String text) {
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = bytes(host);
    if (bytes == null) {
      return Optional.of("not an IP address or network");
    }
    if (slash < 0) {
      return Optional.empty();
    }
    String mask = text.substring(slash + 1);
    if (mask.matches("\\d{1,3}")) {
      return Integer.parseInt(mask) <= bytes.length * 8
          ? Optional.empty()
          : Optional.of("prefix length too large");
    }
    if (bytes.length == 4 && OptionCheck.isIpv4(mask)) {
      return Networks.problem(text);
    }
    return Optional.of("bad prefix length");
  }

  private static IpNetwork read(String text) {
    int slash = text.indexOf('/');
    byte[] bytes = bytes(slash < 0 ? text : text.substring(0, slash));
    if (slash < 0) {
      return new IpNetwork(bytes, bytes.length * 8);
    }
    String mask = text.substring(slash + 1);
    if (mask.contains(".")) {
      return new IpNetwork(bytes, Long.bitCount(Networks.toLong(mask)));
    }
    return new IpNetwork(bytes, Integer.parseInt(mask));
  }

  /**
   * True when the two share an address: same family, and equal in the bits both prefixes fix
   * ({@code 10.1.0.0/16} overlaps {@code 10.1.2.3}; {@code 2001:db8::1} overlaps {@code
   * 2001:db8::/64}).
   */
  public boolean overlaps(IpNetwork other) {
    if (address.length != other.address.length) {
      return false;
    }
    int bits = Math.min(prefix, other.prefix);
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((address[i / 8] & mask) != (other.address[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public byte[] address() {
    return address.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpNetwork n && prefix == n.prefix && Arrays.equals(address, n.address);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(address) * 31 + prefix;
  }

  @Override
  public String toString() {
    return Arrays.toString(address) + "/" + prefix;
  }

  /** The 4 or 16 bytes of an address literal, null when {@code text} is not one. */
  static byte[] bytes(String text) {
    if (OptionCheck.isIpv4(text)) {
      byte[] out = new byte[4];
      String[] parts = text.split("\\.");
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) Integer.parseInt(parts[i]);
      }
      return out;
    }
    return ipv6(text);
  }

  /** RFC 4291 text: eight groups, one {@code ::}, optionally ending in a dotted IPv4 address. */
  private static byte[] ipv6(String text) {
    if (text.isEmpty()
        || text.length() > 45
        || !text.matches("[0-9A-Fa-f:.]+")
        || !text.contains(":")) {
      return null;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String head = gap < 0 ? text : text.substring(0, gap);
    String tail = gap < 0 ? "" : text.substring(gap + 2);
    int[] left = groups(head, gap < 0);
    int[] right = groups(tail, true);
    if (left == null || right == null) {
      return null;
    }
    int count = left.length + right.length;
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < left.length; i++) {
      out[2 * i] = (byte) (left[i] >> 8);
      out[2 * i + 1] = (byte) left[i];
    }
    for (int i = 0; i < right.length; i++) {
      int at = 8 - right.length + i;
      out[2 * at] = (byte) (right[i] >> 8);
      out[2 * at + 1] = (byte) right[i];
    }
    return out;
  }

  /**
   * The 16-bit groups of one side of {@code ::}; a dotted IPv4 address is allowed last when {@code
   * last}.
   */
  private static int[] groups(String side, boolean last) {
    if (side.isEmpty()) {
      return new int[0];
    }
    String[] parts = side.split(":", -1);
    int[] out = new int[parts.length + 1];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (last && i == parts.length - 1 && p.contains(".")) {
        if (!OptionCheck.isIpv4(p)) {
          return null;
        }
        long v4 = Networks.toLong(p);
        out[n++] = (int) (v4 >> 16);
        out[n++] = (int) (v4 & 0xffff);
      } else if (p.matches("[0-9A-Fa-f]{1,4}")) {
        out[n++] = Integer.parseInt(p, 16);
      } else {
        return null;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
