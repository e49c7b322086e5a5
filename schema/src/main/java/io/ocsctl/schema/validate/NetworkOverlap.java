package io.ocsctl.schema.validate;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Settings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Address pools that overlap: the {@code ipv4-network} of the server, vhosts, groups and users
 * must be disjoint, or two scopes hand out addresses from one range. A network may be written with
 * a prefix ({@code 10.1.0.0/16}) or with a separate {@code ipv4-netmask} in the same scope; without
 * either, the server's netmask applies, as ocserv does.
 */
final class NetworkOverlap {
  /** One scope's pool: where it is declared, as written, and its first and last address. */
  private record Pool(int order, List<String> path, String written, long first, long last) {}

  private NetworkOverlap() {}

  static void run(DesiredState state, Report report) {
    Settings server = state.server().settings();
    String defaultMask = server.get("ipv4-netmask").isEmpty() ? null : server.get("ipv4-netmask").get(0);
    List<Pool> pools = new ArrayList<>();
    add(pools, List.of("server", "settings"), server, defaultMask);
    state.vhosts().forEach((name, v) -> add(pools, List.of("vhost", name, "settings"), v.settings(), defaultMask));
    state.groups().forEach((name, g) -> add(pools, List.of("group", name, "settings"), g.settings(), defaultMask));
    state.users().forEach((name, u) -> add(pools, List.of("user", name, "settings"), u.settings(), defaultMask));
    List<Pool> byStart = new ArrayList<>(pools);
    byStart.sort(Comparator.comparingLong(Pool::first).thenComparingInt(Pool::order));
    for (int i = 0; i < byStart.size(); i++) {
      Pool a = byStart.get(i);
      for (int j = i + 1; j < byStart.size() && byStart.get(j).first() <= a.last(); j++) {
        Pool b = byStart.get(j);
        Pool earlier = a.order() < b.order() ? a : b;
        Pool later = earlier == a ? b : a;
        report.error(later.path(), "ipv4-network " + Diagnostic.quote(later.written()) + " of "
                + owner(later.path()) + " overlaps " + Diagnostic.quote(earlier.written()) + " of "
                + owner(earlier.path()) + " (" + report.place(earlier.path(), later.path()) + ")",
            "give " + owner(later.path()) + " a range outside " + Diagnostic.quote(earlier.written())
                + ": each scope hands out addresses from a pool of its own");
      }
    }
  }

  /** {@code the server}, {@code group "ops"}. */
  static String owner(List<String> path) {
    return path.get(0).equals("server") ? "the server" : path.get(0) + " " + Diagnostic.quote(path.get(1));
  }

  private static void add(List<Pool> pools, List<String> settingsPath, Settings settings, String defaultMask) {
    List<String> networks = settings.get("ipv4-network");
    if (networks.size() != 1) {
      return; // none, or a list: OptionCheck reports the list
    }
    String network = networks.get(0);
    String written = network;
    if (!network.contains("/")) {
      List<String> masks = settings.get("ipv4-netmask");
      String mask = masks.size() == 1 ? masks.get(0) : defaultMask;
      if (mask != null) {
        network = network + "/" + mask;
        written = network;
      }
    }
    long[] range = Networks.ipv4Range(network);
    if (range != null) {
      List<String> path = new ArrayList<>(settingsPath);
      path.add("ipv4-network");
      pools.add(new Pool(pools.size(), path, written, range[0], range[1]));
    }
  }
}
