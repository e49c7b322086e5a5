package io.ocsctl.cli;

import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import java.io.PrintWriter;

/** Prints the errors the engine reports, each with where and what to do next. */
final class Failures {
  private Failures() {}

  static int report(Exception e, PrintWriter err) {
    if (e instanceof InvalidInputException invalid) {
      for (Diagnostic d : invalid.diagnostics()) {
        err.println(d.render());
      }
      err.println();
      err.println(invalid.diagnostics().size() + " error" + (invalid.diagnostics().size() == 1 ? "" : "s")
          + "; nothing was changed.");
    } else if (e instanceof MalformedFileException bad) {
      err.println(bad.file() + (bad.line() > 0 ? ":" + bad.line() : "") + ": error: " + bad.getMessage());
      err.println("  = fix: " + bad.hint());
      err.println();
      err.println("The live tree could not be read safely; nothing was changed.");
    } else if (e instanceof Passwords.SecretUnavailableException secret) {
      err.println("error: " + secret.getMessage());
      err.println("  = fix: set the variable or create the file before planning; nothing was changed.");
    } else if (e instanceof io.ocsctl.state.LockHeldException held) {
      err.println("error: " + held.getMessage());
      err.println("  = fix: wait for the other apply (-lock-timeout SECONDS waits), or if its process is gone,"
          + " run 'ocsctl force-unlock'; nothing was changed.");
    } else if (e instanceof io.ocsctl.engine.apply.Preflight.RejectedException rejected) {
      err.println("error: " + rejected.getMessage());
      err.println("  = fix: correct the desired state; nothing was changed.");
    } else if (e instanceof picocli.CommandLine.ParameterException p) {
      err.println("error: " + p.getMessage());
    } else if (e instanceof java.io.IOException failed) {
      err.println("error: " + io.ocsctl.state.OsErrors.describe(failed));
    } else {
      err.println("error: " + e.getMessage());
    }
    return 1;
  }
}
