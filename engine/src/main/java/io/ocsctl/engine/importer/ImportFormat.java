package io.ocsctl.engine.importer;

import io.ocsctl.schema.format.DesiredStateWriter;
import io.ocsctl.schema.format.UnwritableException;
import io.ocsctl.schema.model.DesiredState;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The two desired-state formats {@code import} writes. */
public enum ImportFormat {
  HCL("hcl"),
  YAML("yaml");

  private final String extension;

  ImportFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension the loader recognises for this format, without the dot. */
  public String extension() {
    return extension;
  }

  /** The format a file name implies ({@code .hcl}, {@code .yaml}, {@code .yml}), if any. */
  public static Optional<ImportFormat> of(Path file) {
    String name =
        file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".hcl")) {
      return Optional.of(HCL);
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Optional.of(YAML);
    }
    return Optional.empty();
  }

  /**
   * The file text, as {@code ocsctl fmt} writes it (one writer serves both); {@code header} lines
   * become comments at the top. HCL cannot hold a value with
   * {@code ${} (hcl4j would evaluate it); YAML can hold any string without control characters.
   */
  public String render(DesiredState state, List<String> header) throws ImportException {
    try {
      return DesiredStateWriter.write(
          state,
          this == HCL ? DesiredStateWriter.Syntax.HCL : DesiredStateWriter.Syntax.YAML,
          header);
    } catch (UnwritableException e) {
      throw new ImportException(
          e.getMessage(), "import with -format yaml, or change the value on the server");
    }
  }
}
