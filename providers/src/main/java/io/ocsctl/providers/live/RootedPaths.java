package io.ocsctl.providers.live;

import io.ocsctl.providers.MalformedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves the paths written in ocserv.conf under {@code --root}, as {@code rpm --root} does: an
 * absolute path {@code /etc/ocserv/ocpasswd} is {@code ROOT/etc/ocserv/ocpasswd}. No path may leave
 * the root, through {@code ..} or through a symlink.
 */
public final class RootedPaths {
  /**
   * Where ocserv resolves a relative path in its configuration: its working directory, which is /
   * for the daemon and Debian's systemd unit (docs/ocserv-files.md, "Relative paths").
   */
  public static final String OCSERV_WORKDIR = "/";

  private final Path root;

  public RootedPaths(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * {@code configured} (absolute, or relative to {@code baseDir} inside the root) under the root.
   */
  public Path resolve(String configured, String baseDir) throws MalformedFileException {
    String inside = configured.startsWith("/") ? configured : baseDir + "/" + configured;
    Path resolved = root.resolve(inside.replaceFirst("^/+", "")).normalize();
    if (!resolved.startsWith(root)) {
      throw new MalformedFileException(
          configured,
          0,
          "the path leaves the --root directory " + root,
          "use a path inside the server's file tree");
    }
    return resolved;
  }

  /** The path as ocserv sees it (the part below the root, with a leading slash). */
  public String display(Path path) {
    return "/" + root.relativize(path.toAbsolutePath().normalize()).toString();
  }

  /**
   * Refuses a path whose existing parts are symlinks leading outside the root, so that a planted
   * link can never make ocsctl read or write a file elsewhere.
   */
  public void checkInside(Path path) throws MalformedFileException {
    if (!Files.isDirectory(root)) {
      throw new MalformedFileException(
          root.toString(),
          0,
          "the --root directory does not exist",
          "create it, or pass the directory that holds the server's etc/ocserv/");
    }
    try {
      Path realRoot = root.toRealPath();
      Path probe = path;
      while (probe != null && !Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
        probe = probe.getParent();
      }
      if (probe != null && !probe.toRealPath().startsWith(realRoot)) {
        throw new MalformedFileException(
            display(path),
            0,
            "the path resolves outside the --root directory (symlink to "
                + probe.toRealPath()
                + ")",
            "replace the symlink with the real file; ocsctl never follows links out of the tree");
      }
    } catch (IOException e) {
      throw new MalformedFileException(
          display(path),
          0,
          "cannot resolve the path: " + e.getMessage(),
          "check the permissions of the server's file tree");
    }
  }
}
