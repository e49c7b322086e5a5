package io.ocsctl.cli;

import io.ocsctl.engine.Failure;
import io.ocsctl.engine.render.DiagnosticsRenderer;
import io.ocsctl.schema.Printable;
import io.ocsctl.schema.Suggestions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command line picocli cannot read: says what was wrong with a suggestion, as Terraform does
 * ({@code ocsctl plna}: "Did you mean plan?"), and where the help is. With {@code -json} among the
 * arguments the same error is also printed on stdout in the diagnostics shape.
 */
final class Mistakes {
  private Mistakes() {}

  static int report(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    CommandSpec spec = cli.getCommandSpec();
    PrintWriter err = cli.getErr();
    String name = spec.qualifiedName(" ");
    String message = Printable.line(e.getMessage());
    String fix = "run '" + name + " --help' for the " + (isTop(spec) ? "commands" : "options");
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()) {
      String typed = unmatched.getUnmatched().get(0);
      String bare = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
      if (typed.startsWith("-")) {
        message = "unknown option " + Printable.line(bare) + " for '" + name + "'";
        if (bare.equals("-chdir") || bare.equals("--chdir")) {
          fix = "-chdir is a global option: put it before the command, e.g. ocsctl -chdir=DIR plan";
        } else {
          List<String> names = new ArrayList<>();
          spec.options().stream()
              .filter(o -> !o.hidden())
              .map(OptionSpec::names)
              .forEach(n -> names.addAll(Arrays.asList(n)));
          String suggestion = Suggestions.didYouMean(bare, names).orElse(null);
          if (suggestion != null) {
            message += ". Did you mean " + suggestion + "?";
          }
        }
      } else if (isTop(spec)) {
        message = "ocsctl has no command named \"" + Printable.line(typed) + "\"";
        List<String> commands = new ArrayList<>();
        spec.subcommands()
            .forEach(
                (n, sub) -> {
                  if (!sub.getCommandSpec().usageMessage().hidden()) {
                    commands.add(n);
                  }
                });
        String suggestion = Suggestions.didYouMean(typed, commands).orElse(null);
        if (suggestion != null) {
          message += ". Did you mean " + suggestion + "?";
        }
      } else {
        message = "unexpected argument \"" + Printable.line(typed) + "\" for '" + name + "'";
      }
    }
    err.println("error: " + message);
    err.println("  = fix: " + fix);
    err.flush();
    if (Arrays.asList(args).contains("-json") || Arrays.asList(args).contains("--json")) {
      cli.getOut()
          .print(DiagnosticsRenderer.failure(commandName(spec), new Failure.Other(message, fix)));
      cli.getOut().flush();
    }
    return 1;
  }

  private static boolean isTop(CommandSpec spec) {
    return spec.parent() == null;
  }

  private static String commandName(CommandSpec spec) {
    return isTop(spec) ? "ocsctl" : spec.name();
  }
}
