package io.ocsctl.providers.occtl;

import java.util.List;

/** The networks one connection routes for the VPN ({@code occtl show iroutes}). */
public record IRouteEntry(
    long id, String user, String vhost, String device, String vpnIp, List<String> iroutes) {
  public IRouteEntry {
    iroutes = List.copyOf(iroutes);
  }
}
