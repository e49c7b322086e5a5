package io.ocsctl.cli;

import io.ocsctl.engine.Failure;
import io.ocsctl.engine.render.DiagnosticsRenderer;
import io.ocsctl.schema.Printable;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints why a command stopped ({@link Failure}: where, and what to do next). Messages can quote
 * names from live files (an ocpasswd user), which are untrusted: no control character reaches the
 * terminal.
 */
final class Failures {
  private Failures() {}

  static int report(Exception e, PrintWriter err) {
    if (e instanceof picocli.CommandLine.ParameterException p) {
      err.println("error: " + Printable.text(p.getMessage()));
      return 1;
    }
    Failure.of(e).lines().forEach(line -> err.println(Printable.text(line)));
    return 1;
  }

  /**
   * Like {@link #report(Exception, PrintWriter)}; with {@code json} (the command's {@code -json})
   * the failure is also printed on stdout in the diagnostics shape (docs/cli.md), so a tool that
   * reads stdout gets JSON whether the run worked or not.
   */
  static int report(Exception e, CommandSpec spec, boolean json) {
    int code = report(e, spec.commandLine().getErr());
    if (json) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(DiagnosticsRenderer.failure(spec.name(), Failure.of(exceptionOrOther(e))));
      out.flush();
    }
    return code;
  }

  private static Exception exceptionOrOther(Exception e) {
    if (e instanceof picocli.CommandLine.ParameterException p) {
      return new Failure.Failed(
          new Failure.Other(p.getMessage(), "see 'ocsctl COMMAND --help' for the options"));
    }
    return e;
  }
}
