package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.model.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads a desired-state file, or every {@code *.hcl}/{@code *.yaml}/{@code *.yml} of a directory
 * (sorted, not recursive), into one model. Every file is checked against the JSON Schema; all
 * errors of all files are reported together.
 */
public final class DesiredStateLoader {
  /** Files larger than this are refused before parsing: no real estate needs more. */
  public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  private DesiredStateLoader() {}

  /** The loaded state and where each block came from. */
  public record Loaded(DesiredState state, Origins origins, List<Path> files) {}

  public static Loaded load(Path path) throws InvalidInputException {
    List<Path> files = inputs(path);
    List<Diagnostic> errors = new ArrayList<>();
    Origins origins = new Origins(path.toString());
    ModelBuilder builder = new ModelBuilder(origins);
    for (Path file : files) {
      try {
        SourceFile source = parse(file);
        List<Diagnostic> schemaErrors = SchemaCheck.check(source);
        if (schemaErrors.isEmpty()) {
          builder.add(source);
        }
        errors.addAll(schemaErrors);
      } catch (InvalidInputException e) {
        errors.addAll(e.diagnostics());
      }
    }
    errors.addAll(builder.errors());
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Loaded(builder.build(), origins, files);
  }

  /** Parses one file by its extension. */
  public static SourceFile parse(Path file) throws InvalidInputException {
    String name = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new InvalidInputException(new Diagnostic(name, 0, 0, "the file is larger than "
            + (MAX_FILE_BYTES >> 20) + " MiB", "split the desired state into one file per team in a directory", ""));
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(new Diagnostic(name, 0, 0, "no such file",
          "check the path given to -f", ""));
    } catch (IOException e) {
      throw new InvalidInputException(new Diagnostic(name, 0, 0, "cannot read: " + e.getMessage(),
          "check the file's permissions", ""));
    }
    String text = TextChecks.decodeUtf8(name, bytes);
    TextChecks.rejectEmpty(name, text);
    TextChecks.rejectControlCharacters(name, text);
    return isYaml(file) ? YamlLoader.load(name, text) : HclLoader.load(name, text);
  }

  public static boolean isYaml(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  private static List<Path> inputs(Path path) throws InvalidInputException {
    if (!Files.isDirectory(path)) {
      String n = path.getFileName() == null ? "" : path.getFileName().toString();
      if (Files.exists(path) && !isYaml(path) && !n.endsWith(".hcl")) {
        throw new InvalidInputException(new Diagnostic(path.toString(), 0, 0,
            "unknown file type", "name the file *.hcl, *.yaml or *.yml", ""));
      }
      return List.of(path);
    }
    try (Stream<Path> entries = Files.list(path)) {
      List<Path> files = entries
          .filter(p -> Files.isRegularFile(p))
          .filter(p -> p.toString().endsWith(".hcl") || isYaml(p))
          .sorted()
          .toList();
      if (files.isEmpty()) {
        throw new InvalidInputException(new Diagnostic(path.toString(), 0, 0,
            "the directory holds no *.hcl, *.yaml or *.yml file", "point -f at the desired-state file or its directory", ""));
      }
      return files;
    } catch (IOException e) {
      throw new InvalidInputException(new Diagnostic(path.toString(), 0, 0,
          "cannot list the directory: " + e.getMessage(), "check its permissions", ""));
    }
  }
}
