package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.Sha256;
import io.ocsctl.schema.model.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads a desired-state file, or every {@code *.hcl}/{@code *.yaml}/{@code *.yml} of a directory
 * (sorted, not recursive), into one model. Every file is checked against the JSON Schema; all
 * errors of all files are reported together.
 */
public final class DesiredStateLoader {
  /**
   * A desired state (one file, or all files of a directory) larger than this is refused before
   * anything is parsed: 100,000 users take ~19 MiB (the bench estate), and time and memory grow
   * with the input.
   */
  public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

  private DesiredStateLoader() {}

  /** The loaded state and where each block came from. */
  /**
   * The checked model, where each part came from, and the files read with the sha256 of the bytes
   * read.
   */
  /** A loaded desired state; {@code warnings} are what the checks found that ocserv accepts. */
  public record Loaded(
      DesiredState state,
      Origins origins,
      List<Path> files,
      List<String> sha256,
      List<Diagnostic> warnings) {
    public Loaded(DesiredState state, Origins origins, List<Path> files, List<String> sha256) {
      this(state, origins, files, sha256, List.of());
    }

    public Loaded withWarnings(List<Diagnostic> more) {
      return new Loaded(state, origins, files, sha256, List.copyOf(more));
    }
  }

  /**
   * What reading found: the state built from everything that could be used, and every error. {@code
   * complete} is false when a file could not be parsed at all, so that checks across files would
   * report things the unparsed file may well declare.
   */
  public record Read(Loaded loaded, List<Diagnostic> errors, boolean complete) {}

  /** Loads {@code path}; throws with every error of every file when any is invalid. */
  public static Loaded load(Path path) throws InvalidInputException {
    return load(path, ParseCache.NONE);
  }

  /** Like {@link #load(Path)}, reusing schema-valid trees of unchanged files from {@code cache}. */
  public static Loaded load(Path path, ParseCache cache) throws InvalidInputException {
    Read read = read(path, cache);
    if (!read.errors().isEmpty()) {
      throw new InvalidInputException(read.errors());
    }
    return read.loaded();
  }

  /**
   * Reads {@code path} without stopping at the first bad node: a node the schema rejects is
   * reported and left out of the model, so the checks of the model can still report the rest.
   */
  public static Read read(Path path) throws InvalidInputException {
    return read(path, ParseCache.NONE);
  }

  public static Read read(Path path, ParseCache cache) throws InvalidInputException {
    return read(path.toString(), inputs(path), cache);
  }

  /**
   * Reads {@code files} together as one desired state (a name declared in two of them is an error
   * naming both), as a directory's files are read; {@code label} stands for them in errors that
   * concern all of them. A fleet host's shared files are read this way.
   */
  public static Read read(String label, List<Path> files, ParseCache cache)
      throws InvalidInputException {
    checkTotalSize(Path.of(label), files);
    List<Diagnostic> errors = new ArrayList<>();
    Origins origins = new Origins(label);
    ModelBuilder builder = new ModelBuilder(origins);
    boolean complete = true;
    List<String> hashes = new ArrayList<>();
    for (Path file : files) {
      hashes.add("unreadable");
      try {
        byte[] bytes = readBytes(file);
        String sha = Sha256.hex(bytes);
        hashes.set(hashes.size() - 1, sha);
        String key = ParseCache.key(sha);
        Optional<ObjectNode> cached = cache.get(key);
        SourceFile source;
        List<SchemaCheck.Finding> findings;
        if (cached.isPresent()) {
          String name = file.toString();
          String text = decode(name, bytes);
          source =
              new SourceFile(
                  name,
                  text,
                  cached.get(),
                  () ->
                      isYaml(file)
                          ? YamlLoader.index(name, text)
                          : HclLoader.positions(name, text));
          findings = List.of();
        } else {
          source = parse(file.toString(), decode(file.toString(), bytes));
          findings = SchemaCheck.check(source);
          if (findings.isEmpty()) {
            cache.put(key, source.tree());
          }
        }
        ObjectNode tree = source.tree();
        if (!findings.isEmpty()) {
          tree = tree.deepCopy();
          for (SchemaCheck.Finding f : findings) {
            errors.add(f.diagnostic());
            Pruning.remove(tree, f.invalid()).ifPresent(origins::pruned);
          }
        }
        builder.add(source, tree);
      } catch (InvalidInputException e) {
        errors.addAll(e.diagnostics());
        complete = false;
      }
    }
    errors.addAll(builder.errors());
    return new Read(new Loaded(builder.build(), origins, files, hashes), errors, complete);
  }

  private static void checkTotalSize(Path path, List<Path> files) throws InvalidInputException {
    if (files.size() < 2) {
      return; // one file: readBytes names it
    }
    long total = 0;
    for (Path file : files) {
      try {
        total += Files.size(file);
      } catch (IOException e) {
        // readBytes reports it with the file's name
      }
    }
    if (total > MAX_FILE_BYTES) {
      throw new InvalidInputException(
          new Diagnostic(
              path.toString(),
              0,
              0,
              "the desired state is "
                  + (total >> 20)
                  + " MiB; ocsctl reads at most "
                  + (MAX_FILE_BYTES >> 20)
                  + " MiB (about 170,000 users)",
              "manage the server's users in fewer, shorter blocks, or split the estate across servers",
              ""));
    }
  }

  /** Parses one file by its extension. */
  public static SourceFile parse(Path file) throws InvalidInputException {
    return parse(file.toString(), decode(file.toString(), readBytes(file)));
  }

  private static byte[] readBytes(Path file) throws InvalidInputException {
    String name = file.toString();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new InvalidInputException(
            new Diagnostic(
                name,
                0,
                0,
                "the file is "
                    + (Files.size(file) >> 20)
                    + " MiB; ocsctl reads a desired state of at most "
                    + (MAX_FILE_BYTES >> 20)
                    + " MiB (about 170,000 users)",
                "no ocserv estate needs more: check that this is the desired-state file",
                ""));
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          new Diagnostic(
              name,
              0,
              0,
              "no such file or directory",
              "check the path given to -f: a *.hcl or *.yaml file, or a directory of them",
              ""));
    } catch (IOException e) {
      throw new InvalidInputException(
          new Diagnostic(
              name, 0, 0, "cannot read: " + e.getMessage(), "check the file's permissions", ""));
    }
  }

  /** Decodes a file's bytes as strict UTF-8 (a byte-order mark is dropped). */
  public static String decode(String name, byte[] bytes) throws InvalidInputException {
    return TextChecks.decodeUtf8(name, bytes);
  }

  /** Parses the text of a file named {@code name}, by its extension, with the byte-level checks. */
  public static SourceFile parse(String name, String text) throws InvalidInputException {
    TextChecks.rejectEmpty(name, text);
    TextChecks.rejectControlCharacters(name, text);
    TextChecks.rejectLongLines(name, text);
    SourceFile source =
        isYaml(Path.of(name)) ? YamlLoader.load(name, text) : HclLoader.load(name, text);
    if (source.tree().isEmpty()) {
      throw new InvalidInputException(
          new Diagnostic(
              name,
              0,
              0,
              "the file declares nothing: it holds only comments",
              "an empty desired state would delete every user and option; declare at least a server block",
              ""));
    }
    return source;
  }

  /** Parses the text of a file and checks it against the JSON Schema; throws with every error. */
  public static SourceFile parseValid(String name, String text) throws InvalidInputException {
    SourceFile source = parse(name, text);
    List<Diagnostic> errors =
        SchemaCheck.check(source).stream().map(SchemaCheck.Finding::diagnostic).toList();
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return source;
  }

  public static boolean isYaml(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /**
   * The files {@code path} stands for: itself, or a directory's *.hcl, *.yaml and *.yml files,
   * sorted.
   */
  public static List<Path> inputs(Path path) throws InvalidInputException {
    if (!Files.isDirectory(path)) {
      String n = path.getFileName() == null ? "" : path.getFileName().toString();
      if (Files.exists(path) && !isYaml(path) && !n.endsWith(".hcl")) {
        throw new InvalidInputException(
            new Diagnostic(
                path.toString(),
                0,
                0,
                "unknown file type",
                "name the file *.hcl, *.yaml or *.yml",
                ""));
      }
      return List.of(path);
    }
    try (Stream<Path> entries = Files.list(path)) {
      List<Path> files =
          entries
              .filter(p -> Files.isRegularFile(p))
              .filter(p -> p.toString().endsWith(".hcl") || isYaml(p))
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new InvalidInputException(
            new Diagnostic(
                path.toString(),
                0,
                0,
                "the directory holds no *.hcl, *.yaml or *.yml file",
                "point -f at the desired-state file or its directory",
                ""));
      }
      return files;
    } catch (IOException e) {
      throw new InvalidInputException(
          new Diagnostic(
              path.toString(),
              0,
              0,
              "cannot list the directory: " + e.getMessage(),
              "check its permissions",
              ""));
    }
  }
}
