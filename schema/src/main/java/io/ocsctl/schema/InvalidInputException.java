package io.ocsctl.schema;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when input is rejected; carries every problem found, not only the first. */
public final class InvalidInputException extends Exception {
  private final List<Diagnostic> diagnostics;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public InvalidInputException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
