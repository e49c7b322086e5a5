package io.ocsctl.schema.validate;

import java.util.Optional;

/** IPv4/IPv6 networks as ocserv writes them: {@code 10.0.0.0/8} or {@code 10.0.0.0/255.0.0.0}. */
public final class Networks {
  private Networks() {}

  public static Optional<String> problem(String value) {
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    String mask = slash < 0 ? null : value.substring(slash + 1);
    boolean v4 = OptionCheck.isIpv4(address);
    if (!v4 && !OptionCheck.isIp(address)) {
      return Optional.of("not an IP network");
    }
    if (mask == null) {
      return Optional.empty();
    }
    if (mask.matches("\\d{1,3}")) {
      int prefix = Integer.parseInt(mask);
      return prefix <= (v4 ? 32 : 128) ? Optional.empty() : Optional.of("prefix length too large");
    }
    if (v4 && OptionCheck.isIpv4(mask)) {
      long bits = toLong(mask);
      long inverted = ~bits & 0xffffffffL;
      return (inverted & (inverted + 1)) == 0
          ? Optional.empty()
          : Optional.of("netmask is not contiguous");
    }
    return Optional.of("bad prefix or netmask");
  }

  /** An IPv4 network as {first, last} address, or null when not IPv4. */
  public static long[] ipv4Range(String value) {
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    if (!OptionCheck.isIpv4(address) || problem(value).isPresent()) {
      return null;
    }
    long mask;
    if (slash < 0) {
      mask = 0xffffffffL;
    } else if (value.substring(slash + 1).contains(".")) {
      mask = toLong(value.substring(slash + 1));
    } else {
      int prefix = Integer.parseInt(value.substring(slash + 1));
      mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }
    long first = toLong(address) & mask;
    return new long[] {first, first | (~mask & 0xffffffffL)};
  }

  static long toLong(String ipv4) {
    long out = 0;
    for (String part : ipv4.split("\\.")) {
      out = out << 8 | Integer.parseInt(part);
    }
    return out;
  }
}
