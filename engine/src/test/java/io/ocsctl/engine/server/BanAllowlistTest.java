package io.ocsctl.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocsctl.providers.occtl.BanEntry;
import io.ocsctl.providers.occtl.Unban;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanAllowlistTest {
  @Test
  void bansInsideTheAllowlistAreLiftedOthersAreLeft() {
    List<String> problems = new ArrayList<>();
    List<Unban> unbans =
        BanAllowlist.unbans(
            List.of("192.0.2.10", "10.1.0.0/16", "2001:db8:1:2::7"),
            List.of(
                new BanEntry("192.0.2.10", 30, ""),
                new BanEntry("192.0.2.11", 30, ""),
                new BanEntry("10.1.4.5", 22, ""),
                new BanEntry("2001:db8:1:2::", 40, ""),
                new BanEntry("2001:db8:1:3::", 40, ""),
                new BanEntry("(none)", 1, "")),
            problems);
    assertEquals(
        List.of(
            new Unban("192.0.2.10", 30, "192.0.2.10"),
            new Unban("10.1.4.5", 22, "10.1.0.0/16"),
            new Unban("2001:db8:1:2::", 40, "2001:db8:1:2::7")),
        unbans,
        "ocserv lists an IPv6 client's /64");
    assertEquals(List.of("show ip bans: '(none)' is not an address; left alone"), problems);
  }

  @Test
  void describedForThePlan() {
    assertEquals(
        "unban ip 192.0.2.10 (banned, score 30; in server.ban_allowlist)",
        new Unban("192.0.2.10", 30, "192.0.2.10").describe());
    assertEquals(
        "unban ip 10.1.4.5 (banned, score 22; in server.ban_allowlist as 10.1.0.0/16)",
        new Unban("10.1.4.5", 22, "10.1.0.0/16").describe());
  }
}
