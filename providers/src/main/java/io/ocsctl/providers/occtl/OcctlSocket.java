package io.ocsctl.providers.occtl;

import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.conf.ConfigDocument;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.live.RawText;
import io.ocsctl.providers.live.RootedPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where occtl finds the server: {@code occtl-socket-file} of ocserv.conf's main section, resolved
 * under {@code --root} like every path of the config, or {@value #DEFAULT} when the option is not
 * set.
 */
public final class OcctlSocket {
  public static final String DEFAULT = "/var/run/occtl.socket";

  private OcctlSocket() {}

  /** The socket named by an already parsed config. */
  public static Path of(RootedPaths root, String configPath, ConfigDocument config)
      throws MalformedFileException {
    List<String> configured = config.settings().get("occtl-socket-file");
    String dir =
        configPath.contains("/") ? configPath.substring(0, configPath.lastIndexOf('/')) : "/";
    return root.resolve(
        configured.isEmpty() ? DEFAULT : configured.get(0).strip(), dir.isEmpty() ? "/" : dir);
  }

  /**
   * Reads ocserv.conf under the root (only that file) for the socket; the default when there is no
   * config.
   */
  public static Path read(Path rootDir, String configPath) throws MalformedFileException {
    RootedPaths root = new RootedPaths(rootDir);
    String path = configPath == null ? LiveReader.DEFAULT_CONFIG : configPath;
    Path file = root.resolve(path, "/");
    root.checkInside(file);
    if (!Files.isRegularFile(file)) {
      return of(root, path, ConfigDocument.empty());
    }
    try {
      return of(root, path, ConfigDocument.parse(RawText.decode(Files.readAllBytes(file))));
    } catch (IOException e) {
      throw new MalformedFileException(
          root.display(file),
          0,
          "cannot read: " + e.getMessage(),
          "check the file's permissions, or give the socket with -occtl-socket PATH");
    }
  }
}
