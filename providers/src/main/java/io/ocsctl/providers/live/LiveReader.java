package io.ocsctl.providers.live;

import io.ocsctl.providers.Fingerprint;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.conf.ConfigDocument;
import io.ocsctl.providers.conf.Section;
import io.ocsctl.providers.passwd.PasswdFile;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.validate.PlainAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the live files of one server under a root. */
public final class LiveReader {
  public static final String DEFAULT_CONFIG = "/etc/ocserv/ocserv.conf";

  /** A live file larger than this is refused: an ocpasswd of a million users is ~100 MB. */
  /** Editor and package backups in the per-user and per-group directories. */
  private static final Pattern BACKUP =
      Pattern.compile(
          ".*~|#.*#|.*\\.(bak|orig|old|swp|swo|save|rej|tmp|dpkg-(old|new|dist|bak)|rpm(new|save|orig)|ucf-(old|new|dist))");

  public static final long MAX_LIVE_FILE = 512L * 1024 * 1024;

  private LiveReader() {}

  /**
   * The ocpasswd path named by the first plain auth method, in {@code plain[passwd=PATH]} or the
   * legacy {@code plain[PATH]} form, read as ocserv reads it ({@link PlainAuth}).
   */
  public static Optional<String> passwdPath(Settings settings) {
    for (String key : List.of("auth", "enable-auth")) {
      Optional<String> passwd = PlainAuth.passwdOf(settings.get(key));
      if (passwd.isPresent()) {
        return passwd;
      }
    }
    return Optional.empty();
  }

  /**
   * Resolves the managed paths; {@code desired} options (when given) win over the live ones, so a
   * plan that moves the ocpasswd file reads and writes the new place.
   */
  public static ManagedPaths paths(
      RootedPaths root, String configPath, ConfigDocument live, Settings desired)
      throws MalformedFileException {
    return paths(root, configPath, live, desired, Map.of());
  }

  /**
   * Like {@link #paths(RootedPaths, String, ConfigDocument, Settings)}, with the desired vhosts'
   * settings.
   */
  public static ManagedPaths paths(
      RootedPaths root,
      String configPath,
      ConfigDocument live,
      Settings desired,
      Map<String, Settings> desiredVhosts)
      throws MalformedFileException {
    Path config = root.resolve(configPath, "/");
    // ocserv opens a relative path from its working directory, / for the daemon and the systemd
    // unit
    String configDir = RootedPaths.OCSERV_WORKDIR;
    Settings liveSettings = live.settings();
    Optional<String> passwd = passwdPath(desired).or(() -> passwdPath(liveSettings));
    Optional<String> perUser = first(desired, liveSettings, "config-per-user");
    Optional<String> perGroup = first(desired, liveSettings, "config-per-group");
    Optional<Path> serverPasswd =
        passwd.isEmpty() ? Optional.empty() : Optional.of(root.resolve(passwd.get(), configDir));
    Map<String, Path> vhostPasswd = new LinkedHashMap<>();
    Set<String> vhosts = new LinkedHashSet<>(live.vhosts());
    vhosts.addAll(desiredVhosts.keySet());
    for (String vhost : vhosts) {
      Settings settings =
          desiredVhosts.containsKey(vhost)
              ? desiredVhosts.get(vhost)
              : live.settings(Section.vhost(vhost));
      Optional<String> own = passwdPath(settings);
      if (own.isEmpty()) {
        continue;
      }
      Path file = root.resolve(own.get(), configDir);
      if (serverPasswd.equals(Optional.of(file))) {
        continue; // the vhost authenticates against the server's file
      }
      for (Map.Entry<String, Path> other : vhostPasswd.entrySet()) {
        if (other.getValue().equals(file)) {
          throw new MalformedFileException(
              root.display(config),
              live.lineOf(Section.vhost(vhost), "auth"),
              "[vhost:"
                  + vhost
                  + "] and [vhost:"
                  + other.getKey()
                  + "] name the same passwd file "
                  + own.get()
                  + ", so ocsctl cannot tell whose users it holds",
              "give each vhost a passwd file of its own," + " or let both use the server's");
        }
      }
      vhostPasswd.put(vhost, file);
    }
    return new ManagedPaths(
        config,
        serverPasswd,
        perUser.isEmpty() ? Optional.empty() : Optional.of(root.resolve(perUser.get(), configDir)),
        perGroup.isEmpty()
            ? Optional.empty()
            : Optional.of(root.resolve(perGroup.get(), configDir)),
        vhostPasswd);
  }

  private static Optional<String> first(Settings desired, Settings live, String key) {
    if (desired.has(key)) {
      return Optional.of(desired.get(key).get(0));
    }
    return live.get(key).isEmpty() ? Optional.empty() : Optional.of(live.get(key).get(0));
  }

  public static LiveState read(Path rootDir, String configPath, Settings desiredServer)
      throws MalformedFileException {
    return read(rootDir, configPath, desiredServer, Map.of());
  }

  /** The live state, its managed paths resolved with the desired server's and vhosts' settings. */
  public static LiveState read(
      Path rootDir, String configPath, Settings desiredServer, Map<String, Settings> desiredVhosts)
      throws MalformedFileException {
    try (io.ocsctl.schema.DebugLog.Phase phase =
        io.ocsctl.schema.DebugLog.phase("live", "read the tree under " + rootDir)) {
      LiveState live = readTree(rootDir, configPath, desiredServer, desiredVhosts);
      io.ocsctl.schema.DebugLog.log(
          "live",
          () ->
              "read "
                  + live.fingerprints().size()
                  + " managed path(s): "
                  + new java.util.TreeSet<>(
                      live.fingerprints().keySet().stream().map(live.root()::display).toList()));
      return live;
    }
  }

  private static LiveState readTree(
      Path rootDir, String configPath, Settings desiredServer, Map<String, Settings> desiredVhosts)
      throws MalformedFileException {
    RootedPaths root = new RootedPaths(rootDir);
    Map<Path, Fingerprint> fingerprints = new HashMap<>();
    Path configFile = root.resolve(configPath, "/");
    root.checkInside(configFile);
    Optional<String> configText = readText(root, configFile, fingerprints);
    ConfigDocument config =
        configText.isEmpty()
            ? ConfigDocument.empty()
            : checkEncoding(root, configFile, ConfigDocument.parse(configText.get()));
    List<Integer> bad = config.unreadableLines();
    if (!bad.isEmpty()) {
      throw new MalformedFileException(
          root.display(configFile),
          bad.get(0),
          "not an option line: " + config.lines().get(bad.get(0) - 1).text().strip(),
          "fix the line by hand (ocserv would not read it either), then plan again");
    }
    ManagedPaths paths = paths(root, configPath, config, desiredServer, desiredVhosts);
    PasswdFile passwd =
        paths.passwd().isEmpty()
            ? PasswdFile.empty()
            : readPasswd(root, paths.passwd().get(), fingerprints);
    Map<String, PasswdFile> vhostPasswd = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : paths.vhostPasswd().entrySet()) {
      vhostPasswd.put(e.getKey(), readPasswd(root, e.getValue(), fingerprints));
    }
    List<String> unmanaged = new ArrayList<>();
    Map<String, ConfigDocument> perUser =
        readDir(root, paths.perUserDir(), fingerprints, unmanaged);
    Map<String, ConfigDocument> perGroup =
        readDir(root, paths.perGroupDir(), fingerprints, unmanaged);
    Optional<String> hook = readText(root, paths.disconnectHook(), fingerprints);
    return new LiveState(
        root, paths, config, passwd, perUser, perGroup, fingerprints, unmanaged, vhostPasswd, hook);
  }

  private static PasswdFile readPasswd(
      RootedPaths root, Path file, Map<Path, Fingerprint> fingerprints)
      throws MalformedFileException {
    Optional<String> text = readText(root, file, fingerprints);
    return text.isEmpty() ? PasswdFile.empty() : PasswdFile.parse(root.display(file), text.get());
  }

  private static Map<String, ConfigDocument> readDir(
      RootedPaths root,
      Optional<Path> dir,
      Map<Path, Fingerprint> fingerprints,
      List<String> unmanaged)
      throws MalformedFileException {
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
      throw new MalformedFileException(
          root.display(dir.get()),
          0,
          "cannot list: " + e.getMessage(),
          "check the directory's permissions");
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.startsWith(".")) {
        continue; // editor backups and ocsctl's own staged files are not ocserv's
      }
      if (Files.isSymbolicLink(file)) {
        throw new MalformedFileException(
            root.display(file),
            0,
            "is a symlink",
            "replace it with a regular file; ocsctl does not follow links in managed directories");
      }
      if (!Files.isRegularFile(file)) {
        continue;
      }
      if (BACKUP.matcher(name).matches()) {
        // ocserv opens only the file named after a user or group: a backup is nobody's
        unmanaged.add(
            root.display(file)
                + ": an editor or package backup, no user's or group's file;"
                + " ocsctl leaves it alone (delete it when it is no longer needed)");
        continue;
      }
      Optional<String> text = readText(root, file, fingerprints);
      if (text.isPresent()) {
        out.put(name, checkEncoding(root, file, ConfigDocument.parse(text.get())));
      }
    }
    fingerprints.put(dir.get(), listing(files));
    return out;
  }

  private static Optional<String> readText(
      RootedPaths root, Path file, Map<Path, Fingerprint> fingerprints)
      throws MalformedFileException {
    root.checkInside(file);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      fingerprints.put(file, Fingerprint.ABSENT);
      return Optional.empty();
    }
    try {
      if (Files.size(file) > MAX_LIVE_FILE) {
        throw new MalformedFileException(
            root.display(file),
            0,
            "the file is larger than 512 MiB",
            "check what wrote it; ocsctl refuses files this large");
      }
      byte[] bytes = Files.readAllBytes(file);
      fingerprints.put(file, Fingerprint.of(bytes));
      String text = RawText.decode(bytes);
      int nul = text.indexOf('\0');
      if (nul >= 0) {
        throw new MalformedFileException(
            root.display(file),
            lineAt(text, nul),
            "the line holds a NUL byte",
            "restore the file from a backup or fix the line by hand");
      }
      return Optional.of(text);
    } catch (IOException e) {
      throw new MalformedFileException(
          root.display(file), 0, "cannot read: " + e.getMessage(), "check the file's permissions");
    }
  }

  /** The 1-based line of {@code index} in {@code text}. */
  static int lineAt(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * Refuses a byte that is not UTF-8 where ocserv reads it (an option, a section header): ocsctl
   * could not compare or rewrite it. Comments and lines ocserv skips keep such bytes.
   */
  static ConfigDocument checkEncoding(RootedPaths root, Path file, ConfigDocument doc)
      throws MalformedFileException {
    List<ConfigDocument.Line> lines = doc.lines();
    for (int i = 0; i < lines.size(); i++) {
      if (!(lines.get(i) instanceof ConfigDocument.Other)
          && RawText.firstEscaped(lines.get(i).text()) >= 0) {
        throw new MalformedFileException(
            root.display(file),
            i + 1,
            "the line holds bytes that are not UTF-8",
            "convert the file to UTF-8 (iconv -f latin1 -t utf-8), then plan again");
      }
    }
    return doc;
  }

  /**
   * The fingerprint {@link #read} records for {@code path}: the sha256 of a file's bytes or of a
   * directory's listing (names not starting with a dot), {@code absent} for nothing there, and
   * {@code unreadable} when it cannot be read.
   */
  public static Fingerprint fingerprint(Path path) {
    try {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> list = Files.list(path)) {
          return listing(list.sorted().toList());
        }
      }
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return Fingerprint.ABSENT;
      }
      return Fingerprint.of(Files.readAllBytes(path));
    } catch (IOException e) {
      return new Fingerprint.Unreadable();
    }
  }

  private static Fingerprint listing(List<Path> sortedFiles) {
    StringBuilder listing = new StringBuilder();
    for (Path file : sortedFiles) {
      String name = file.getFileName().toString();
      if (!name.startsWith(".")) {
        listing.append(name).append('\n');
      }
    }
    return Fingerprint.of(listing.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    return io.ocsctl.schema.Sha256.hex(bytes);
  }
}
