package io.ocsctl.schema.validate;

/**
 * A problem with a value and how to fix it, before it is placed in a file. {@code element} is the
 * index of the list element it concerns, or -1 when it concerns the whole value.
 */
public record Problem(String message, String hint, int element) {
  public Problem(String message, String hint) {
    this(message, hint, -1);
  }
}
