package io.ocsctl.schema.format;

/**
 * A value the chosen syntax cannot hold: hcl4j has no escape for {@code ${} nor for a lone {@code
 * $} before an escaped quote or backslash. YAML can hold any string without control characters.
 */
public final class UnwritableException extends Exception {
  private static final long serialVersionUID = 1L;

  UnwritableException(String message) {
    super(message);
  }
}
