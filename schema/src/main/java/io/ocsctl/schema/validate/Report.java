package io.ocsctl.schema.validate;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.SourcePosition;
import io.ocsctl.schema.load.Origins;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors of the model checks, each placed at the file and line of its path. */
final class Report {
  private final Origins origins;
  private final List<Diagnostic> errors = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  Report(Origins origins) {
    this.origins = origins;
  }

  void error(List<String> path, String message, String hint) {
    errors.add(Diagnostic.at(position(path), message, hint));
  }

  void warning(List<String> path, String message, String hint) {
    warnings.add(Diagnostic.at(position(path), message, hint));
  }

  List<Diagnostic> warnings() {
    return warnings;
  }

  SourcePosition position(List<String> path) {
    return origins.position(path);
  }

  /** {@code line N} of a path (or {@code file:N} when in another file than {@code from}). */
  String place(List<String> path, List<String> from) {
    SourcePosition pos = position(path);
    if (pos.file().equals(position(from).file())) {
      return pos.line() > 0 ? "line " + pos.line() : pos.file();
    }
    return pos.file() + (pos.line() > 0 ? ":" + pos.line() : "");
  }

  boolean rejectedWithin(List<String> path) {
    return origins.rejectedWithin(path);
  }

  boolean anyRejected() {
    return origins.anyRejected();
  }

  List<Diagnostic> errors() {
    return errors;
  }

  static List<String> path(List<String> base, String... more) {
    List<String> out = new ArrayList<>(base);
    out.addAll(List.of(more));
    return out;
  }
}
