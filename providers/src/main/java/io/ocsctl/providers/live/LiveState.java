package io.ocsctl.providers.live;

import io.ocsctl.providers.conf.ConfigDocument;
import io.ocsctl.providers.passwd.PasswdFile;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is on the server now: the parsed files and a sha256 of every file and directory listing
 * read, so that a saved plan can tell when the tree changed under it.
 */
public record LiveState(
    RootedPaths root,
    ManagedPaths paths,
    ConfigDocument config,
    PasswdFile passwd,
    Map<String, ConfigDocument> perUser,
    Map<String, ConfigDocument> perGroup,
    Map<Path, String> fingerprints) {
  public LiveState {
    perUser = Collections.unmodifiableMap(new TreeMap<>(perUser));
    perGroup = Collections.unmodifiableMap(new TreeMap<>(perGroup));
    fingerprints = Collections.unmodifiableMap(new TreeMap<>(fingerprints));
  }
}
