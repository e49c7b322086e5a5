package io.ocsctl.engine.canary;

import io.ocsctl.engine.apply.SafeApply;
import io.ocsctl.engine.doctor.Check;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The after-swap step of {@code apply -verify}: the server's actions (reload or restart, unbans,
 * disconnects), then the canary login. A failed check throws, so {@link SafeApply} restores the
 * previous files and {@link #afterRollback} has the server reload onto them, as for a failed
 * reload.
 */
public final class Verified implements SafeApply.AfterSwap {
  private final SafeApply.AfterSwap server;
  private final CanaryLogin login;
  private final List<String> lines = new ArrayList<>();

  public Verified(SafeApply.AfterSwap server, CanaryLogin login) {
    this.server = server;
    this.login = login;
  }

  @Override
  public List<String> run() throws IOException {
    List<String> warnings = server.run();
    CanaryReport report = login.run();
    for (Check c : report.checks()) {
      lines.add("canary " + c.name() + ": " + c.status() + " " + c.message());
    }
    if (!report.ok()) {
      throw new CanaryFailedException(report);
    }
    return warnings;
  }

  @Override
  public List<String> afterRollback() {
    return server.afterRollback();
  }

  /** One line per check of the login that ran, for the command to show. */
  public List<String> lines() {
    return List.copyOf(lines);
  }
}
