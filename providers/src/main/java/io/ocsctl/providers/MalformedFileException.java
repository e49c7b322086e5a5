package io.ocsctl.providers;

/** A live file ocsctl cannot read safely; carries the file, the line and the fix. */
public final class MalformedFileException extends Exception {
  private final String file;
  private final int line;
  private final String hint;

  public MalformedFileException(String file, int line, String message, String hint) {
    super(message);
    this.file = file;
    this.line = line;
    this.hint = hint;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String hint() {
    return hint;
  }
}
