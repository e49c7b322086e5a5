package io.ocsctl.providers.occtl;

/**
 * An address {@code occtl show ip bans} lists that the desired state's {@code ban_allowlist} covers
 * ({@code entry}, as written there): apply lifts its ban with {@code occtl unban ip}.
 */
public record Unban(String ip, long score, String entry) {
  /** {@code unban ip 192.0.2.10 (banned, score 30; in server.ban_allowlist)}, for plans. */
  public String describe() {
    return "unban ip "
        + ip
        + " (banned, score "
        + score
        + "; in server.ban_allowlist"
        + (entry.equals(ip) ? "" : " as " + entry)
        + ")";
  }
}
