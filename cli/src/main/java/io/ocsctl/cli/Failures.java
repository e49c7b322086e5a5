package io.ocsctl.cli;

import io.ocsctl.engine.Failure;
import io.ocsctl.schema.Printable;
import java.io.PrintWriter;

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
}
