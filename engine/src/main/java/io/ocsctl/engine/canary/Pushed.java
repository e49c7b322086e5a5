package io.ocsctl.engine.canary;

import io.ocsctl.schema.validate.IpNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the server pushed to the canary, read from openconnect's script environment: the split
 * routes ({@code CISCO_SPLIT_INC_N_ADDR}/{@code _MASKLEN}, {@code CISCO_IPV6_SPLIT_INC_N_...}; none
 * means the whole address family goes through the tunnel: {@code 0.0.0.0/0}, {@code ::/0}) and the
 * DNS servers ({@code INTERNAL_IP4_DNS}, {@code INTERNAL_IP6_DNS}, space-separated).
 */
record Pushed(List<String> routes, List<String> dns) {
  static Pushed of(Map<String, String> env) {
    List<String> routes = new ArrayList<>();
    if (env.containsKey("INTERNAL_IP4_ADDRESS")) {
      routes.addAll(split(env, "CISCO_SPLIT_INC", "0.0.0.0/0"));
    }
    if (env.containsKey("INTERNAL_IP6_ADDRESS")) {
      routes.addAll(split(env, "CISCO_IPV6_SPLIT_INC", "::/0"));
    }
    List<String> dns = new ArrayList<>();
    for (String key : List.of("INTERNAL_IP4_DNS", "INTERNAL_IP6_DNS")) {
      for (String a : env.getOrDefault(key, "").trim().split("\\s+")) {
        if (!a.isEmpty()) {
          dns.add(a);
        }
      }
    }
    return new Pushed(routes, dns);
  }

  private static List<String> split(Map<String, String> env, String prefix, String whole) {
    int n;
    try {
      n = Integer.parseInt(env.getOrDefault(prefix, "0").trim());
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n <= 0) {
      return List.of(whole);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n && i < 10_000; i++) {
      String addr = env.get(prefix + "_" + i + "_ADDR");
      String len = env.get(prefix + "_" + i + "_MASKLEN");
      if (addr != null) {
        out.add(len == null ? addr : addr + "/" + len);
      }
    }
    return out;
  }

  /** Whether {@code expected} (a network) is one of {@code pushed}, compared as networks. */
  static boolean containsNetwork(List<String> pushed, String expected) {
    Optional<byte[]> want = masked(expected);
    return want.isPresent()
        && pushed.stream()
            .map(Pushed::masked)
            .flatMap(Optional::stream)
            .anyMatch(p -> Arrays.equals(p, want.get()));
  }

  /** The network's address with the host bits cleared, followed by its prefix length. */
  private static Optional<byte[]> masked(String text) {
    return IpNetwork.parse(text)
        .map(
            n -> {
              byte[] a = n.address();
              byte[] out = Arrays.copyOf(a, a.length + 1);
              for (int bit = n.prefix(); bit < a.length * 8; bit++) {
                out[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
              }
              out[a.length] = (byte) n.prefix();
              return out;
            });
  }
}
