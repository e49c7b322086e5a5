package io.ocsctl.providers.occtl;

/**
 * occtl could not be run, ocserv did not answer, or what occtl printed could not be read at all.
 * The message says which, and what was asked.
 */
public final class OcctlException extends Exception {
  public OcctlException(String message) {
    super(message);
  }

  public OcctlException(String message, Throwable cause) {
    super(message, cause);
  }
}
