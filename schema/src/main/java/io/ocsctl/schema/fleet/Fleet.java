package io.ocsctl.schema.fleet;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.Sha256;
import io.ocsctl.schema.SourcePosition;
import io.ocsctl.schema.Suggestions;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.load.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fleet file ({@code fleet.hcl}, {@code fleet.yaml}): the hosts of the fleet, the shared files
 * each takes, its overlay and what it withdraws from the shared set (docs/fleet.md). Paths are
 * relative to the fleet file's directory and stay inside it.
 */
public record Fleet(Path file, String sha256, SourceFile source, Map<String, FleetHost> hosts) {
  /** The names a fleet file may have, looked for in this order in a directory. */
  public static final List<String> FILE_NAMES = List.of("fleet.hcl", "fleet.yaml", "fleet.yml");

  /** A host's name: a directory name under {@code fleet plan -live DIR} and a metrics label. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private static final List<String> HOST_KEYS = List.of("files", "overlay", "withdraw");

  public Fleet {
    hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
  }

  /** The directory paths in the fleet file are relative to. */
  public Path dir() {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null ? Path.of("/") : parent;
  }

  /** The host called {@code name}; an unknown name is an error listing the fleet's hosts. */
  public FleetHost host(String name) throws InvalidInputException {
    FleetHost host = hosts.get(name);
    if (host == null) {
      Optional<String> near = Suggestions.didYouMean(name, hosts.keySet());
      throw new InvalidInputException(
          new Diagnostic(
              file.toString(),
              0,
              0,
              "the fleet has no host " + Diagnostic.quote(name),
              near.map(n -> "did you mean " + Diagnostic.quote(n) + "? ").orElse("")
                  + "the hosts are: "
                  + String.join(", ", hosts.keySet()),
              ""));
    }
    return host;
  }

  /** The fleet file {@code path} names: the file itself, or fleet.hcl|yaml|yml in a directory. */
  public static Path locate(Path path) throws InvalidInputException {
    if (!Files.isDirectory(path)) {
      if (!Files.isRegularFile(path)) {
        throw new InvalidInputException(
            new Diagnostic(
                path.toString(),
                0,
                0,
                "no such fleet file",
                "name the fleet file (fleet.hcl or fleet.yaml) or the directory holding it",
                ""));
      }
      return path;
    }
    for (String name : FILE_NAMES) {
      if (Files.isRegularFile(path.resolve(name))) {
        return path.resolve(name);
      }
    }
    throw new InvalidInputException(
        new Diagnostic(
            path.toString(),
            0,
            0,
            "the directory holds no fleet.hcl, fleet.yaml or fleet.yml",
            "with -host, -f names the fleet file or its directory (docs/fleet.md)",
            ""));
  }

  /** Reads and checks the fleet file {@code path} names (see {@link #locate}). */
  public static Fleet load(Path path) throws InvalidInputException {
    Path file = locate(path);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException(
          new Diagnostic(
              file.toString(),
              0,
              0,
              "cannot read: " + e.getMessage(),
              "check its permissions",
              ""));
    }
    SourceFile source;
    try {
      source =
          DesiredStateLoader.parse(
              file.toString(), DesiredStateLoader.decode(file.toString(), bytes));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          e.diagnostics().stream()
              .map(
                  d ->
                      d.message().startsWith("the file declares nothing")
                          ? new Diagnostic(
                              d.file(),
                              0,
                              0,
                              "the fleet file declares no host",
                              "declare each host: host \"NAME\" { files = [\"shared\"] }",
                              "")
                          : d)
              .toList());
    }
    return new FleetReader(file, source).read(Sha256.hex(bytes));
  }

  /** Reads the tree of a fleet file into hosts, reporting every problem at its line. */
  private static final class FleetReader {
    private final Path file;
    private final SourceFile source;
    private final List<Diagnostic> errors = new ArrayList<>();

    FleetReader(Path file, SourceFile source) {
      this.file = file;
      this.source = source;
    }

    Fleet read(String sha256) throws InvalidInputException {
      var tree = source.tree();
      Map<String, FleetHost> hosts = new LinkedHashMap<>();
      tree.properties()
          .forEach(
              top -> {
                if (!top.getKey().equals("host")) {
                  error(
                      List.of(top.getKey()),
                      "unknown block " + Diagnostic.quote(top.getKey()) + " in the fleet file",
                      "a fleet file declares hosts only: host \"NAME\" { files = [...] }");
                } else if (!top.getValue().isObject()) {
                  error(List.of("host"), "host must name its hosts", "write host \"NAME\" { ... }");
                } else {
                  top.getValue()
                      .properties()
                      .forEach(
                          h ->
                              host(h.getKey(), h.getValue())
                                  .ifPresent(x -> hosts.put(x.name(), x)));
                }
              });
      if (errors.isEmpty() && hosts.isEmpty()) {
        error(List.of(), "the fleet file declares no host", "declare host \"NAME\" { ... }");
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
      return new Fleet(file, sha256, source, hosts);
    }

    private Optional<FleetHost> host(String name, tools.jackson.databind.JsonNode node) {
      List<String> at = List.of("host", name);
      int before = errors.size();
      if (!NAME.matcher(name).matches()) {
        error(
            at,
            "host name " + Diagnostic.quote(name) + " is not a plain name",
            "use letters, digits, '.', '_' and '-' (at most 63, starting with a letter or digit):"
                + " it names a directory and a metrics label");
      }
      if (!node.isObject()) {
        error(
            at,
            "host " + Diagnostic.quote(name) + " must be a block",
            "write host \"NAME\" { ... }");
        return Optional.empty();
      }
      node.propertyNames()
          .forEach(
              k -> {
                if (!HOST_KEYS.contains(k)) {
                  error(
                      append(at, k),
                      "unknown attribute "
                          + Diagnostic.quote(k)
                          + " in host "
                          + Diagnostic.quote(name),
                      "a host takes " + String.join(", ", HOST_KEYS));
                }
              });
      List<Path> files = new ArrayList<>();
      List<String> fileNames = strings(node.get("files"), append(at, "files"));
      for (int i = 0; i < fileNames.size(); i++) {
        inside(fileNames.get(i), append(at, "files", Integer.toString(i)), true)
            .ifPresent(files::add);
      }
      Optional<Path> overlay = Optional.empty();
      if (node.has("overlay")) {
        if (!node.get("overlay").isString()) {
          error(
              append(at, "overlay"), "overlay must be a file name", "overlay = \"hosts/NAME.hcl\"");
        } else {
          overlay = inside(node.get("overlay").asString(), append(at, "overlay"), false);
        }
      } else {
        for (String ext : List.of(".hcl", ".yaml", ".yml")) {
          Path implicit = dir().resolve("hosts").resolve(name + ext);
          if (overlay.isEmpty() && NAME.matcher(name).matches() && Files.isRegularFile(implicit)) {
            overlay = Optional.of(implicit);
          }
        }
      }
      Map<Withdrawals.Kind, List<String>> withdrawn = new LinkedHashMap<>();
      tools.jackson.databind.JsonNode w = node.get("withdraw");
      if (w != null) {
        if (!w.isObject()) {
          error(
              append(at, "withdraw"),
              "withdraw must be a block",
              "withdraw { users = [\"NAME\"] }");
        } else {
          w.propertyNames()
              .forEach(
                  k -> {
                    Optional<Withdrawals.Kind> kind = Withdrawals.Kind.of(k);
                    if (kind.isEmpty()) {
                      error(
                          append(at, "withdraw", k),
                          "unknown attribute " + Diagnostic.quote(k) + " in withdraw",
                          "withdraw takes " + Withdrawals.Kind.words());
                    } else {
                      withdrawn.put(kind.get(), strings(w.get(k), append(at, "withdraw", k)));
                    }
                  });
        }
      }
      if (files.isEmpty() && overlay.isEmpty() && errors.size() == before) {
        error(
            at,
            "host " + Diagnostic.quote(name) + " takes no file",
            "list its shared files (files = [\"shared\"]) or give it hosts/" + name + ".hcl");
      }
      if (errors.size() > before) {
        return Optional.empty();
      }
      return Optional.of(
          new FleetHost(name, files, overlay, new Withdrawals(withdrawn), source.position(at)));
    }

    private List<String> strings(tools.jackson.databind.JsonNode node, List<String> at) {
      List<String> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      if (!node.isArray()) {
        error(
            at,
            Diagnostic.quote(at.get(at.size() - 1)) + " must be a list of strings",
            "write [\"a\", \"b\"]");
        return out;
      }
      for (int i = 0; i < node.size(); i++) {
        if (!node.get(i).isString()) {
          error(append(at, Integer.toString(i)), "expected a string", "quote it: \"...\"");
        } else {
          out.add(node.get(i).asString());
        }
      }
      return out;
    }

    /** {@code name} resolved in the fleet directory; it must exist and stay inside. */
    private Optional<Path> inside(String name, List<String> at, boolean directoryAllowed) {
      Path dir = dir();
      Path resolved;
      try {
        resolved = dir.resolve(name).normalize();
      } catch (java.nio.file.InvalidPathException e) {
        error(at, "not a path: " + Diagnostic.quote(name), "name a file of the fleet directory");
        return Optional.empty();
      }
      if (Path.of(name).isAbsolute()
          || !resolved.startsWith(dir)
          || resolved.equals(dir) && !directoryAllowed) {
        error(
            at,
            Diagnostic.quote(name) + " is outside the fleet directory " + dir,
            "name files relative to the fleet file, inside its directory");
        return Optional.empty();
      }
      if (resolved.equals(file.toAbsolutePath().normalize()) || resolved.equals(dir)) {
        error(
            at,
            "the fleet file cannot be a desired-state file",
            "name the shared files or their directory (shared/), not the fleet file or its directory");
        return Optional.empty();
      }
      if (!Files.exists(resolved)) {
        error(
            at,
            Diagnostic.quote(name) + ": no such file or directory",
            "check the path (relative to " + file.getFileName() + ")");
        return Optional.empty();
      }
      if (Files.isDirectory(resolved) && !directoryAllowed) {
        error(
            at,
            Diagnostic.quote(name) + " is a directory",
            "an overlay is one file: hosts/NAME.hcl");
        return Optional.empty();
      }
      return Optional.of(resolved);
    }

    private Path dir() {
      Path parent = file.toAbsolutePath().normalize().getParent();
      return parent == null ? Path.of("/") : parent;
    }

    private void error(List<String> path, String message, String hint) {
      SourcePosition pos = source.position(path);
      errors.add(Diagnostic.at(pos, message, hint));
    }

    private static List<String> append(List<String> path, String... more) {
      List<String> out = new ArrayList<>(path);
      out.addAll(List.of(more));
      return out;
    }
  }
}
