package io.ocsctl.providers.occtl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code occtl show status}: the main numbers, and every field as occtl printed it (in order) for
 * the full view. Numbers occtl did not print are -1.
 */
public record ServerStatus(
    String status,
    long serverPid,
    long secModPid,
    String upSince,
    long uptimeSeconds,
    long activeSessions,
    long ipsInBanList,
    Map<String, String> fields) {
  public ServerStatus {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
