package io.ocsctl.engine;

import io.ocsctl.engine.server.ServerOptions;
import io.ocsctl.providers.Fingerprint;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.conf.ConfigDocument;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.live.ManagedPaths;
import io.ocsctl.providers.live.RootedPaths;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.passwd.PasswdFile;
import io.ocsctl.schema.model.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A live tree held in memory, for tests about planning rather than about files: the server's files
 * by their path as ocserv sees them ({@code /etc/ocserv/ocserv.conf} to its text). It resolves the
 * managed paths as {@link LiveReader} does ({@link LiveReader#paths}) and parses the same
 * documents; it does not check encodings or report backups, which the disk reader's own tests
 * cover. Nothing is read from or written to the disk: the root is a path that does not exist.
 */
public final class MemoryLive implements LiveSource {
  /** The root every in-memory tree claims; it is never created. */
  public static final Path ROOT = Path.of("/nonexistent/ocsctl-memory-root");

  public static final String CONFIG = "/etc/ocserv/ocserv.conf";

  private final Map<String, String> files;

  public MemoryLive(Map<String, String> files) {
    this.files = new TreeMap<>(files);
  }

  /** Plans {@code desired} (a file) against this tree, as 'ocsctl plan' does; no server runs. */
  public Workflow.Planned plan(Path desired) throws Exception {
    return Workflow.plan(
        new Workflow.Target(desired, ROOT, CONFIG, Map.of(), ROOT.resolve("var/lib/ocsctl")),
        ServerOptions.DEFAULT,
        new Seams(Occtl.Factory.program(Map.of()), this));
  }

  @Override
  public LiveState read(
      Path rootDir, String configPath, Settings desiredServer, Map<String, Settings> desiredVhosts)
      throws MalformedFileException {
    RootedPaths root = new RootedPaths(rootDir);
    Map<Path, Fingerprint> fingerprints = new HashMap<>();
    Path configFile = root.resolve(configPath, "/");
    ConfigDocument config =
        text(root, configFile, fingerprints)
            .map(ConfigDocument::parse)
            .orElse(ConfigDocument.empty());
    ManagedPaths paths = LiveReader.paths(root, configPath, config, desiredServer, desiredVhosts);
    PasswdFile passwd = passwd(root, paths.passwd(), fingerprints);
    Map<String, PasswdFile> vhostPasswd = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : paths.vhostPasswd().entrySet()) {
      vhostPasswd.put(e.getKey(), passwd(root, Optional.of(e.getValue()), fingerprints));
    }
    return new LiveState(
        root,
        paths,
        config,
        passwd,
        dir(root, paths.perUserDir(), fingerprints),
        dir(root, paths.perGroupDir(), fingerprints),
        fingerprints,
        List.of(),
        vhostPasswd,
        text(root, paths.disconnectHook(), fingerprints));
  }

  private Optional<String> text(RootedPaths root, Path file, Map<Path, Fingerprint> fingerprints) {
    String text = files.get(root.display(file));
    fingerprints.put(
        file,
        text == null ? Fingerprint.ABSENT : Fingerprint.of(text.getBytes(StandardCharsets.UTF_8)));
    return Optional.ofNullable(text);
  }

  private PasswdFile passwd(
      RootedPaths root, Optional<Path> file, Map<Path, Fingerprint> fingerprints)
      throws MalformedFileException {
    if (file.isEmpty()) {
      return PasswdFile.empty();
    }
    Optional<String> text = text(root, file.get(), fingerprints);
    return text.isEmpty()
        ? PasswdFile.empty()
        : PasswdFile.parse(root.display(file.get()), text.get());
  }

  private Map<String, ConfigDocument> dir(
      RootedPaths root, Optional<Path> dir, Map<Path, Fingerprint> fingerprints) {
    Map<String, ConfigDocument> out = new TreeMap<>();
    if (dir.isEmpty()) {
      return out;
    }
    String prefix = root.display(dir.get()) + "/";
    StringBuilder listing = new StringBuilder();
    files.forEach(
        (path, text) -> {
          String name = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
          if (!name.isEmpty() && !name.contains("/")) {
            out.put(name, ConfigDocument.parse(text));
            fingerprints.put(
                dir.get().resolve(name), Fingerprint.of(text.getBytes(StandardCharsets.UTF_8)));
            listing.append(name).append('\n');
          }
        });
    fingerprints.put(
        dir.get(), Fingerprint.of(listing.toString().getBytes(StandardCharsets.UTF_8)));
    return out;
  }
}
