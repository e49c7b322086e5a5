package io.ocsctl.engine.server;

import io.ocsctl.providers.occtl.BanEntry;
import io.ocsctl.providers.occtl.Unban;
import io.ocsctl.schema.validate.IpNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of ocserv's bans the desired state's {@code server.ban_allowlist} lifts. ocserv bans an
 * IPv6 client by its /64 and lists the /64 ({@code 2001:db8:1:2::}), so an allowlisted IPv6 address
 * lifts the ban of its /64.
 */
final class BanAllowlist {
  private BanAllowlist() {}

  /**
   * The bans an entry of {@code allowlist} covers (the first such entry named); {@code problems}
   * gets unreadable ones.
   */
  static List<Unban> unbans(List<String> allowlist, List<BanEntry> bans, List<String> problems) {
    List<IpNetwork> networks =
        allowlist.stream().map(e -> IpNetwork.parse(e).orElseThrow()).toList();
    List<Unban> out = new ArrayList<>();
    for (BanEntry ban : bans) {
      Optional<IpNetwork> address =
          IpNetwork.parse(ban.ip()).filter(n -> n.prefix() == n.address().length * 8);
      if (address.isEmpty()) {
        problems.add("show ip bans: '" + ban.ip() + "' is not an address; left alone");
        continue;
      }
      IpNetwork banned =
          address.get().prefix() == 128
              ? new IpNetwork(address.get().address(), 64)
              : address.get();
      for (int i = 0; i < networks.size(); i++) {
        if (networks.get(i).overlaps(banned)) {
          out.add(new Unban(ban.ip(), ban.score(), allowlist.get(i)));
          break;
        }
      }
    }
    return out;
  }
}
