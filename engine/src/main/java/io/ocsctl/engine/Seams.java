package io.ocsctl.engine;

import io.ocsctl.providers.occtl.Occtl;
import java.util.Map;

/**
 * What the engine talks to outside itself, passed in: the running server's occtl and the live tree.
 */
public record Seams(Occtl.Factory occtl, LiveSource live) {
  /** The real ones: the occtl program ({@code $OCSCTL_OCCTL} or the PATH) and the files on disk. */
  public static Seams real(Map<String, String> env) {
    return new Seams(Occtl.Factory.program(env), LiveSource.DISK);
  }
}
