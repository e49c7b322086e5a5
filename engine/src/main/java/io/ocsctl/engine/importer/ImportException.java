package io.ocsctl.engine.importer;

/**
 * The live tree holds something no desired-state file can describe exactly; nothing was written.
 */
public final class ImportException extends Exception {
  private final String hint;

  public ImportException(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  /** What to do about it. */
  public String hint() {
    return hint;
  }
}
