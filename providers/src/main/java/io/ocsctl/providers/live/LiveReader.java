package io.ocsctl.providers.live;

import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.conf.ConfigDocument;
import io.ocsctl.providers.passwd.PasswdFile;
import io.ocsctl.schema.model.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the live files of one server under a root. */
public final class LiveReader {
  public static final String DEFAULT_CONFIG = "/etc/ocserv/ocserv.conf";
  private static final Pattern PLAIN_PASSWD = Pattern.compile("plain\\[(?:[^\\]]*,)?passwd=([^,\\]]+)");
  /** A live file larger than this is refused: an ocpasswd of a million users is ~100 MB. */
  public static final long MAX_LIVE_FILE = 512L * 1024 * 1024;

  private LiveReader() {}

  /** The ocpasswd path named by the first {@code plain[passwd=...]} auth line, if any. */
  public static Optional<String> passwdPath(Settings settings) {
    for (String key : List.of("auth", "enable-auth")) {
      for (String auth : settings.get(key)) {
        Matcher m = PLAIN_PASSWD.matcher(auth);
        if (m.find()) {
          return Optional.of(m.group(1).strip());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Resolves the managed paths; {@code desired} options (when given) win over the live ones, so a
   * plan that moves the ocpasswd file reads and writes the new place.
   */
  public static ManagedPaths paths(RootedPaths root, String configPath, ConfigDocument live,
      Settings desired) throws MalformedFileException {
    Path config = root.resolve(configPath, "/");
    String configDir = configPath.contains("/") ? configPath.substring(0, configPath.lastIndexOf('/')) : "/";
    Settings liveSettings = live.settings(null);
    Optional<String> passwd = passwdPath(desired).or(() -> passwdPath(liveSettings));
    Optional<String> perUser = first(desired, liveSettings, "config-per-user");
    Optional<String> perGroup = first(desired, liveSettings, "config-per-group");
    return new ManagedPaths(config,
        passwd.isEmpty() ? Optional.empty() : Optional.of(root.resolve(passwd.get(), configDir)),
        perUser.isEmpty() ? Optional.empty() : Optional.of(root.resolve(perUser.get(), configDir)),
        perGroup.isEmpty() ? Optional.empty() : Optional.of(root.resolve(perGroup.get(), configDir)));
  }

  private static Optional<String> first(Settings desired, Settings live, String key) {
    if (desired.has(key)) {
      return Optional.of(desired.get(key).get(0));
    }
    return live.get(key).isEmpty() ? Optional.empty() : Optional.of(live.get(key).get(0));
  }

  public static LiveState read(Path rootDir, String configPath, Settings desiredServer)
      throws MalformedFileException {
    RootedPaths root = new RootedPaths(rootDir);
    Map<Path, String> fingerprints = new HashMap<>();
    Path configFile = root.resolve(configPath, "/");
    root.checkInside(configFile);
    ConfigDocument config = readText(root, configFile, fingerprints).map(ConfigDocument::parse)
        .orElse(ConfigDocument.empty());
    List<Integer> bad = config.unreadableLines();
    if (!bad.isEmpty()) {
      throw new MalformedFileException(root.display(configFile), bad.get(0),
          "not an option line: " + config.lines().get(bad.get(0) - 1).text().strip(),
          "fix the line by hand (ocserv would not read it either), then plan again");
    }
    ManagedPaths paths = paths(root, configPath, config, desiredServer);
    PasswdFile passwd = PasswdFile.empty();
    if (paths.passwd().isPresent()) {
      Optional<String> text = readText(root, paths.passwd().get(), fingerprints);
      if (text.isPresent()) {
        passwd = PasswdFile.parse(root.display(paths.passwd().get()), text.get());
      }
    }
    Map<String, ConfigDocument> perUser = readDir(root, paths.perUserDir(), fingerprints);
    Map<String, ConfigDocument> perGroup = readDir(root, paths.perGroupDir(), fingerprints);
    return new LiveState(root, paths, config, passwd, perUser, perGroup, fingerprints);
  }

  private static Map<String, ConfigDocument> readDir(RootedPaths root, Optional<Path> dir,
      Map<Path, String> fingerprints) throws MalformedFileException {
    Map<String, ConfigDocument> out = new HashMap<>();
    if (dir.isEmpty() || !Files.isDirectory(dir.get(), LinkOption.NOFOLLOW_LINKS)) {
      if (dir.isPresent()) {
        root.checkInside(dir.get());
        fingerprints.put(dir.get(), fingerprint(dir.get()));
      }
      return out;
    }
    root.checkInside(dir.get());
    List<Path> files;
    try (Stream<Path> list = Files.list(dir.get())) {
      files = list.sorted().toList();
    } catch (IOException e) {
      throw new MalformedFileException(root.display(dir.get()), 0, "cannot list: " + e.getMessage(),
          "check the directory's permissions");
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.startsWith(".")) {
        continue; // editor backups and ocsctl's own staged files are not ocserv's
      }
      if (Files.isSymbolicLink(file)) {
        throw new MalformedFileException(root.display(file), 0, "is a symlink",
            "replace it with a regular file; ocsctl does not follow links in managed directories");
      }
      if (!Files.isRegularFile(file)) {
        continue;
      }
      readText(root, file, fingerprints).ifPresent(text -> out.put(name, ConfigDocument.parse(text)));
    }
    fingerprints.put(dir.get(), listing(files));
    return out;
  }

  private static Optional<String> readText(RootedPaths root, Path file, Map<Path, String> fingerprints)
      throws MalformedFileException {
    root.checkInside(file);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      fingerprints.put(file, "absent");
      return Optional.empty();
    }
    try {
      if (Files.size(file) > MAX_LIVE_FILE) {
        throw new MalformedFileException(root.display(file), 0, "the file is larger than 512 MiB",
            "check what wrote it; ocsctl refuses files this large");
      }
      byte[] bytes = Files.readAllBytes(file);
      fingerprints.put(file, sha256(bytes));
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.indexOf('\0') >= 0 || text.indexOf('\uFFFD') >= 0) {
        throw new MalformedFileException(root.display(file), 0,
            "the file holds NUL bytes or is not valid UTF-8", "restore it from a backup or fix it by hand");
      }
      return Optional.of(text);
    } catch (IOException e) {
      throw new MalformedFileException(root.display(file), 0, "cannot read: " + e.getMessage(),
          "check the file's permissions");
    }
  }

  /**
   * The fingerprint {@link #read} records for {@code path}: the sha256 of a file's bytes or of a
   * directory's listing (names not starting with a dot), {@code absent} for nothing there, and
   * {@code unreadable} when it cannot be read.
   */
  public static String fingerprint(Path path) {
    try {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> list = Files.list(path)) {
          return listing(list.sorted().toList());
        }
      }
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return "absent";
      }
      return sha256(Files.readAllBytes(path));
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private static String listing(List<Path> sortedFiles) {
    StringBuilder listing = new StringBuilder();
    for (Path file : sortedFiles) {
      String name = file.getFileName().toString();
      if (!name.startsWith(".")) {
        listing.append(name).append('\n');
      }
    }
    return sha256(listing.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    return io.ocsctl.schema.Sha256.hex(bytes);
  }
}
