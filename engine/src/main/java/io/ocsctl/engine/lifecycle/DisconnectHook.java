package io.ocsctl.engine.lifecycle;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The script ocsctl installs as ocserv's {@code disconnect-script} when the desired state has a
 * quota: it records the session's traffic ({@code ocsctl account}), then runs the disconnect script
 * the desired state names, if any, with ocserv's environment unchanged. ocserv-fw is not in the
 * way: ocserv runs it itself and then calls the configured script (OCSERV_NEXT_SCRIPT), which is
 * this hook. The paths are as the server sees them (under --root), so a plan made in CI on a copied
 * tree writes the same hook as one made on the server.
 */
public final class DisconnectHook {

  /** The hook's file name, beside ocserv.conf. */
  public static final String FILE_NAME = io.ocsctl.providers.live.ManagedPaths.DISCONNECT_HOOK;

  static final String FIRST_LINES =
      "#!/bin/sh\n"
          + "# Written by ocsctl for quotas (docs/lifecycle.md); the next apply rewrites it.\n"
          + "# Records the session's traffic, then runs the desired state's disconnect-script.\n";

  private static final Pattern NEXT = Pattern.compile("(?m)^exec '((?:[^']|'\\\\'')*)'$");

  private DisconnectHook() {}

  /**
   * The hook's text: {@code ocsctl} is the command ocserv runs, {@code stateDir} the state
   * directory, {@code next} the admin's own disconnect script.
   */
  public static String render(String ocsctl, String stateDir, Optional<String> next) {
    return FIRST_LINES
        + quote(ocsctl)
        + " account -state-dir "
        + quote(stateDir)
        + " || true\n"
        + next.map(n -> "exec " + quote(n) + "\n").orElse("exit 0\n");
  }

  /** True when {@code text} is a hook ocsctl wrote. */
  public static boolean isHook(String text) {
    return text.startsWith(FIRST_LINES);
  }

  /** The admin's script a hook ocsctl wrote runs after it, read back for import. */
  public static Optional<String> next(String text) {
    Matcher m = NEXT.matcher(text);
    return isHook(text) && m.find()
        ? Optional.of(m.group(1).replace("'\\''", "'"))
        : Optional.empty();
  }

  /** Single-quoted for sh: nothing in it is expanded. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
