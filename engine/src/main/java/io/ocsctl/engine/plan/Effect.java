package io.ocsctl.engine.plan;

/**
 * What a resource change does to the running server: {@code restart} (an option ocserv reads only
 * at start), {@code reload}, {@code disconnect} (a removed or locked user loses its sessions),
 * {@code next-connect} (per-user/-group settings apply at the next login).
 */
public enum Effect {
  RESTART("restart"),
  RELOAD("reload"),
  DISCONNECT("disconnect"),
  NEXT_CONNECT("next-connect");

  public final String label;

  Effect(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
