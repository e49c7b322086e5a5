package io.ocsctl.providers.occtl;

import java.util.List;

/**
 * One connection as {@code occtl show users}, {@code show user NAME} and {@code show id ID} print
 * it. {@code group} is empty for a connection without a group; absent numbers are -1. {@code
 * rxBytes}/{@code txBytes} are the counters of the session's tun device as occtl reads them over
 * netlink (received from / sent to the client), -1 when occtl printed none.
 */
public record ConnectedUser(
    long id,
    String user,
    String group,
    String state,
    String vhost,
    String device,
    String remoteIp,
    String vpnIpv4,
    String vpnIpv6,
    String connectedAt,
    String session,
    String userAgent,
    List<String> routes,
    List<String> iroutes,
    long rxBytes,
    long txBytes) {
  public ConnectedUser {
    routes = List.copyOf(routes);
    iroutes = List.copyOf(iroutes);
  }
}
