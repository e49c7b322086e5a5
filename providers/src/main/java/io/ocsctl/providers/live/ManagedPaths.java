package io.ocsctl.providers.live;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files ocsctl manages for one server, resolved under the root: ocserv.conf, the ocpasswd file
 * named by {@code auth = "plain[passwd=...]"}, and the config-per-user/-group directories; and the
 * passwd files of the vhosts whose plain auth names one of their own.
 */
public record ManagedPaths(
    Path config,
    Optional<Path> passwd,
    Optional<Path> perUserDir,
    Optional<Path> perGroupDir,
    Map<String, Path> vhostPasswd) {
  public ManagedPaths {
    vhostPasswd = Collections.unmodifiableMap(new LinkedHashMap<>(vhostPasswd));
  }

  public ManagedPaths(
      Path config, Optional<Path> passwd, Optional<Path> perUserDir, Optional<Path> perGroupDir) {
    this(config, passwd, perUserDir, perGroupDir, Map.of());
  }

  /** The disconnect hook ocsctl installs for quotas, beside ocserv.conf (docs/lifecycle.md). */
  public static final String DISCONNECT_HOOK = "ocsctl-disconnect-hook";

  public Path disconnectHook() {
    return config.resolveSibling(DISCONNECT_HOOK);
  }

  /** Every managed file that is not in a directory: ocserv.conf, the passwd files, the hook. */
  public java.util.List<Path> files() {
    java.util.List<Path> out = new java.util.ArrayList<>();
    out.add(config);
    out.addAll(passwdFiles().values());
    out.add(disconnectHook());
    return out;
  }

  /**
   * Every passwd file, by the vhost whose plain auth names it ({@code ""} for the server's): a
   * vhost that names the server's file, or none, has no entry of its own.
   */
  public Map<String, Path> passwdFiles() {
    Map<String, Path> out = new LinkedHashMap<>();
    passwd.ifPresent(p -> out.put("", p));
    out.putAll(vhostPasswd);
    return out;
  }
}
