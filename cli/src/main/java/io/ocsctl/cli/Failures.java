package io.ocsctl.cli;

import io.ocsctl.engine.Failure;
import java.io.PrintWriter;

/** Prints why a command stopped ({@link Failure}: where, and what to do next). */
final class Failures {
  private Failures() {}

  static int report(Exception e, PrintWriter err) {
    if (e instanceof picocli.CommandLine.ParameterException p) {
      err.println("error: " + p.getMessage());
      return 1;
    }
    Failure.of(e).lines().forEach(err::println);
    return 1;
  }
}
