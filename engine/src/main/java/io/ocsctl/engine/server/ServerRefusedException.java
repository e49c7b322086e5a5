package io.ocsctl.engine.server;

/**
 * Apply will not touch the files because it could not then bring the running server in line: a
 * change needs a restart that was not allowed, or that ocsctl cannot perform. The message says what
 * needs the restart and how to proceed; nothing was changed.
 */
public final class ServerRefusedException extends Exception {
  public ServerRefusedException(String message) {
    super(message);
  }
}
