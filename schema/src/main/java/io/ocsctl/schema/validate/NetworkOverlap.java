package io.ocsctl.schema.validate;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Settings;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Address pools that overlap: the {@code ipv4-network} and the {@code ipv6-network} of the server,
 * vhosts, groups and users must be disjoint, or two scopes hand out addresses from one range. An
 * IPv4 network may be written with a prefix ({@code 10.1.0.0/16}) or with a separate {@code
 * ipv4-netmask} in the same scope; without either, the server's netmask applies, as ocserv does. An
 * IPv6 network takes its prefix from {@code /N} or the scope's (else the server's) {@code
 * ipv6-prefix}.
 */
final class NetworkOverlap {
  /** One scope's pool: where it is declared, as written, and its first and last address. */
  private record Pool(
      int order, List<String> path, String written, BigInteger first, BigInteger last) {}

  private NetworkOverlap() {}

  static void run(DesiredState state, Report report) {
    for (String family : List.of("ipv4-network", "ipv6-network")) {
      run(state, report, family);
    }
  }

  private static void run(DesiredState state, Report report, String family) {
    Settings server = state.server().settings();
    String maskKey = family.equals("ipv4-network") ? "ipv4-netmask" : "ipv6-prefix";
    String defaultMask = server.get(maskKey).isEmpty() ? null : server.get(maskKey).get(0);
    List<Pool> pools = new ArrayList<>();
    add(pools, family, List.of("server", "settings"), server, defaultMask);
    state
        .vhosts()
        .forEach(
            (name, v) ->
                add(pools, family, List.of("vhost", name, "settings"), v.settings(), defaultMask));
    state
        .groups()
        .forEach(
            (name, g) ->
                add(pools, family, List.of("group", name, "settings"), g.settings(), defaultMask));
    state
        .users()
        .forEach(
            (name, u) ->
                add(pools, family, List.of("user", name, "settings"), u.settings(), defaultMask));
    List<Pool> byStart = new ArrayList<>(pools);
    byStart.sort(Comparator.comparing(Pool::first).thenComparingInt(Pool::order));
    for (int i = 0; i < byStart.size(); i++) {
      Pool a = byStart.get(i);
      for (int j = i + 1;
          j < byStart.size() && byStart.get(j).first().compareTo(a.last()) <= 0;
          j++) {
        Pool b = byStart.get(j);
        Pool earlier = a.order() < b.order() ? a : b;
        Pool later = earlier == a ? b : a;
        report.error(
            later.path(),
            family
                + " "
                + Diagnostic.quote(later.written())
                + " of "
                + owner(later.path())
                + " overlaps "
                + Diagnostic.quote(earlier.written())
                + " of "
                + owner(earlier.path())
                + " ("
                + report.place(earlier.path(), later.path())
                + ")",
            "give "
                + owner(later.path())
                + " a range outside "
                + Diagnostic.quote(earlier.written())
                + ": each scope hands out addresses from a pool of its own");
      }
    }
  }

  /** {@code the server}, {@code group "ops"}. */
  static String owner(List<String> path) {
    return path.get(0).equals("server")
        ? "the server"
        : path.get(0) + " " + Diagnostic.quote(path.get(1));
  }

  private static void add(
      List<Pool> pools,
      String family,
      List<String> settingsPath,
      Settings settings,
      String defaultMask) {
    List<String> networks = settings.get(family);
    if (networks.size() != 1) {
      return; // none, or a list: OptionCheck reports the list
    }
    String network = networks.get(0);
    String written = network;
    if (!network.contains("/")) {
      List<String> masks =
          settings.get(family.equals("ipv4-network") ? "ipv4-netmask" : "ipv6-prefix");
      String mask = masks.size() == 1 ? masks.get(0) : defaultMask;
      if (mask != null) {
        network = network + "/" + mask;
        written = network;
      }
    }
    BigInteger[] range = range(family, network);
    if (range != null) {
      List<String> path = new ArrayList<>(settingsPath);
      path.add(family);
      pools.add(new Pool(pools.size(), path, written, range[0], range[1]));
    }
  }

  /** The first and last address of {@code network}, or null when it is not one of the family. */
  private static BigInteger[] range(String family, String network) {
    if (family.equals("ipv4-network")) {
      long[] range = Networks.ipv4Range(network);
      return range == null
          ? null
          : new BigInteger[] {BigInteger.valueOf(range[0]), BigInteger.valueOf(range[1])};
    }
    IpNetwork net = IpNetwork.parse(network).orElse(null);
    if (net == null || net.address().length != 16) {
      return null;
    }
    int hostBits = 128 - net.prefix();
    BigInteger first = new BigInteger(1, net.address()).shiftRight(hostBits).shiftLeft(hostBits);
    return new BigInteger[] {
      first, first.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE)
    };
  }
}
