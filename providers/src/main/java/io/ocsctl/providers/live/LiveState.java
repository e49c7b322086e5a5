package io.ocsctl.providers.live;

import io.ocsctl.providers.Fingerprint;
import io.ocsctl.providers.conf.ConfigDocument;
import io.ocsctl.providers.passwd.PasswdFile;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is on the server now: the parsed files and a sha256 of every file and directory listing
 * read, so that a saved plan can tell when the tree changed under it. {@code unmanaged} describes
 * the files of the per-user and per-group directories that ocsctl leaves alone (editor and package
 * backups such as {@code alice~}, {@code alice.bak}, {@code .alice.swp}: no user's or group's).
 * {@code vhostPasswd} holds the passwd files of vhosts whose plain auth names one of their own;
 * {@code disconnectHook} the text of ocsctl's quota hook when it exists (docs/lifecycle.md).
 */
public record LiveState(
    RootedPaths root,
    ManagedPaths paths,
    ConfigDocument config,
    PasswdFile passwd,
    Map<String, ConfigDocument> perUser,
    Map<String, ConfigDocument> perGroup,
    Map<Path, Fingerprint> fingerprints,
    List<String> unmanaged,
    Map<String, PasswdFile> vhostPasswd,
    java.util.Optional<String> disconnectHook) {
  public LiveState(
      RootedPaths root,
      ManagedPaths paths,
      ConfigDocument config,
      PasswdFile passwd,
      Map<String, ConfigDocument> perUser,
      Map<String, ConfigDocument> perGroup,
      Map<Path, Fingerprint> fingerprints,
      List<String> unmanaged,
      Map<String, PasswdFile> vhostPasswd) {
    this(
        root,
        paths,
        config,
        passwd,
        perUser,
        perGroup,
        fingerprints,
        unmanaged,
        vhostPasswd,
        java.util.Optional.empty());
  }

  public LiveState {
    unmanaged = List.copyOf(unmanaged);
    vhostPasswd = Collections.unmodifiableMap(new LinkedHashMap<>(vhostPasswd));
    perUser = Collections.unmodifiableMap(new TreeMap<>(perUser));
    perGroup = Collections.unmodifiableMap(new TreeMap<>(perGroup));
    fingerprints = Collections.unmodifiableMap(new TreeMap<>(fingerprints));
  }

  /** Every passwd file read, by vhost ({@code ""} for the server's), the server's first. */
  public Map<String, PasswdFile> passwdFiles() {
    Map<String, PasswdFile> out = new LinkedHashMap<>();
    if (paths.passwd().isPresent()) {
      out.put("", passwd);
    }
    out.putAll(vhostPasswd);
    return out;
  }

  /** How many users all passwd files hold. */
  public int userCount() {
    return passwdFiles().values().stream().mapToInt(f -> f.entries().size()).sum();
  }
}
