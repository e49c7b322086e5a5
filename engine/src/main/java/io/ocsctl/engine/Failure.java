package io.ocsctl.engine;

import io.ocsctl.engine.apply.Preflight;
import io.ocsctl.engine.importer.ImportException;
import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.engine.server.ServerRefusedException;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.state.LockHeldException;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a command stopped, with what to do next: the one type the CLI prints. {@link #of} turns the
 * checked exceptions of the modules below into it; {@link #lines} is what the user reads.
 */
public sealed interface Failure {
  /** The message lines, each error with where it is and the fix. */
  List<String> lines();

  /** The fix hint alone. */
  String fix();

  /** The desired state is invalid: every diagnostic, with file:line and fix. */
  record InvalidInput(List<Diagnostic> diagnostics) implements Failure {
    public InvalidInput {
      diagnostics = List.copyOf(diagnostics);
    }

    public List<String> lines() {
      List<String> out = new ArrayList<>();
      diagnostics.forEach(d -> out.add(d.render()));
      out.add("");
      out.add(
          diagnostics.size()
              + " error"
              + (diagnostics.size() == 1 ? "" : "s")
              + "; nothing was changed.");
      return out;
    }

    public String fix() {
      return "correct the desired state as each error says";
    }
  }

  /** A live file cannot be read safely. */
  record MalformedFile(String file, int line, String message, String fix) implements Failure {
    public List<String> lines() {
      return List.of(
          file + (line > 0 ? ":" + line : "") + ": error: " + message,
          "  = fix: " + fix,
          "",
          "The live tree could not be read safely; nothing was changed.");
    }
  }

  /** A password variable or file the desired state names is missing. */
  record SecretUnavailable(String message) implements Failure {
    public List<String> lines() {
      return List.of("error: " + message, "  = fix: " + fix() + "; nothing was changed.");
    }

    public String fix() {
      return "set the variable or create the file before planning";
    }
  }

  /** Another apply holds the lock. */
  record LockHeld(String message) implements Failure {
    public List<String> lines() {
      return List.of("error: " + message, "  = fix: " + fix() + "; nothing was changed.");
    }

    public String fix() {
      return "wait for the other apply (-lock-timeout SECONDS waits), or if its process is gone,"
          + " run 'ocsctl force-unlock'";
    }
  }

  /** {@code ocserv -t} rejected the rendered configuration. */
  record Rejected(String message) implements Failure {
    public List<String> lines() {
      return List.of("error: " + message, "  = fix: " + fix() + "; nothing was changed.");
    }

    public String fix() {
      return "correct the desired state";
    }
  }

  /** The running server could not be brought in line (a restart not allowed or not possible). */
  record ServerRefused(String message) implements Failure {
    public List<String> lines() {
      return List.of("error: " + message + ".", "  = nothing was changed.");
    }

    public String fix() {
      return message;
    }
  }

  /** A saved plan whose tree or desired state changed since it was made. */
  record StalePlan(String file, String reason, String desired) implements Failure {
    public List<String> lines() {
      return List.of(
          "error: the saved plan " + file + " is stale: " + reason,
          "  = fix: " + fix() + "; nothing was changed.");
    }

    public String fix() {
      return planAgain(desired, file);
    }
  }

  /**
   * Planning again gives another plan than the saved one although nothing it read changed: the file
   * was edited, or made from another desired state. Never names a secret.
   */
  record UnreviewedPlan(String file, String reason, String desired) implements Failure {
    public List<String> lines() {
      return List.of(
          "error: the saved plan "
              + file
              + " is not what was reviewed (edited, or made from another"
              + " desired state): "
              + reason,
          "  = fix: " + fix() + "; nothing was changed.");
    }

    public String fix() {
      return planAgain(desired, file);
    }
  }

  /** The saved plan was made for another --root or --config than apply is given. */
  record OtherTree(String file, String reason) implements Failure {
    public List<String> lines() {
      return List.of(
          "error: the saved plan " + file + " is for another server tree: " + reason,
          "  = fix: " + fix() + "; nothing was changed.");
    }

    public String fix() {
      return "pass the --root and --config the plan was made with, or make a new plan";
    }
  }

  /** The plan destroys every user, many of them, or a vhost, and that was not allowed. */
  record MassDestroy(String reason, String command) implements Failure {
    public List<String> lines() {
      return List.of("error: " + reason + ".", "  = fix: " + fix() + "; nothing was changed.");
    }

    public String fix() {
      return "if this is intended, run " + command + " again with -allow-mass-destroy";
    }
  }

  /** The change was not approved. */
  record Cancelled(String message) implements Failure {
    public List<String> lines() {
      return List.of(message);
    }

    public String fix() {
      return "approve the plan";
    }
  }

  /** A rollback to a revision the history does not have. */
  record UnknownRevision(String revision) implements Failure {
    public List<String> lines() {
      return List.of("error: unknown revision " + revision + "; " + fix() + ".");
    }

    public String fix() {
      return "see 'ocsctl history'";
    }
  }

  /** Anything else: the message says what failed. */
  record Other(String message, String fix) implements Failure {
    public List<String> lines() {
      return fix.isEmpty()
          ? List.of("error: " + message)
          : List.of("error: " + message, "  = fix: " + fix);
    }
  }

  /** Thrown by the engine with a {@link Failure}. */
  final class Failed extends Exception {
    private final Failure failure;

    public Failed(Failure failure) {
      super(String.join("\n", failure.lines()));
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }

  /** The failure an exception of ocsctl's modules stands for. */
  static Failure of(Exception e) {
    if (e instanceof Failed f) {
      return f.failure();
    } else if (e instanceof InvalidInputException invalid) {
      return new InvalidInput(invalid.diagnostics());
    } else if (e instanceof MalformedFileException bad) {
      return new MalformedFile(bad.file(), bad.line(), bad.getMessage(), bad.hint());
    } else if (e instanceof Passwords.SecretUnavailableException secret) {
      return new SecretUnavailable(secret.getMessage());
    } else if (e instanceof LockHeldException held) {
      return new LockHeld(held.getMessage());
    } else if (e instanceof Preflight.RejectedException rejected) {
      return new Rejected(rejected.getMessage());
    } else if (e instanceof ServerRefusedException refused) {
      return new ServerRefused(refused.getMessage());
    } else if (e instanceof ImportException imp) {
      return new Other(imp.getMessage(), imp.hint());
    } else if (e instanceof java.io.IOException failed) {
      // what failed and why: "permission denied writing PATH", never a bare path
      return new Other(io.ocsctl.state.OsErrors.describe(failed), "");
    }
    return new Other(String.valueOf(e.getMessage()), "");
  }

  /** The fix for a saved plan apply refuses: make and review a new one. */
  private static String planAgain(String desired, String file) {
    return "run 'ocsctl plan -f " + desired + " -out " + file + "' again and review the new plan";
  }
}
