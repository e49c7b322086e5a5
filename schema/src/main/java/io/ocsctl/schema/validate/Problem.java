package io.ocsctl.schema.validate;

/**
 * A problem with a value and how to fix it, before it is placed in a file. {@code element} is the
 * index of the list element it concerns, or -1 when it concerns the whole value. A {@code warning}
 * is something ocserv accepts (and perhaps warns about) that the admin should know: it is shown,
 * and refuses nothing.
 */
public record Problem(String message, String hint, int element, boolean warning) {
  public Problem(String message, String hint, int element) {
    this(message, hint, element, false);
  }

  public Problem(String message, String hint) {
    this(message, hint, -1, false);
  }

  static Problem warning(String message, String hint, int element) {
    return new Problem(message, hint, element, true);
  }
}
