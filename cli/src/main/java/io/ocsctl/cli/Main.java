package io.ocsctl.cli;

import io.ocsctl.schema.DebugLog;
import io.ocsctl.schema.Printable;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ocsctl}: Terraform-style plan/apply for ocserv. Exit codes: 0 success or no changes, 1
 * error, 2 changes present (with -detailed-exitcode) or drift, 3 fmt -check found unformatted
 * files, 4 drift: pending changes only, 5 drift: the server does not answer occtl.
 */
@Command(
    name = "ocsctl",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Plan and apply ocserv (OpenConnect VPN server) configuration from one reviewed desired-state"
          + " file.",
      "Global option, before the command: -chdir=DIR runs it in DIR (relative paths start there)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success; for plan: no changes; for drift: in sync",
      "1:error (nothing was changed)",
      "2:plan -detailed-exitcode: changes present; drift: changed by hand",
      "3:fmt -check: a file is not canonical",
      "4:drift: reviewed changes not applied yet (pending)",
      "5:drift: ocserv does not answer occtl (server down)"
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  OCSCTL_LOG=debug       write a debug log to stderr: phases, timings, files",
      "                         read, commands run; never a secret",
      "  OCSCTL_LOG_PATH=FILE   write that log to FILE instead (appended)",
      "  NO_COLOR               no ANSI colours",
      "  OCSCTL_OCCTL           the occtl program to run (default: occtl on PATH)",
      "",
      "Run 'ocsctl COMMAND --help' for a command's options. Docs: docs/cli.md."
    })
public final class Main implements Runnable {
  /**
   * The subcommands, in the order help lists them. picocli reads a command's annotations when it is
   * added, which costs ~0.2 s of CPU for all of them (its classes predate class-data sharing): a
   * run adds only the command it was given, and all of them only for help or a mistyped name.
   */
  private static final Map<String, Supplier<Object>> COMMANDS = commands();

  private static Map<String, Supplier<Object>> commands() {
    Map<String, Supplier<Object>> c = new LinkedHashMap<>();
    c.put("validate", ValidateCommand::new);
    c.put("fmt", FmtCommand::new);
    c.put("plan", PlanCommand::new);
    c.put("apply", ApplyCommand::new);
    c.put("show", ShowCommand::new);
    c.put("history", HistoryCommand::new);
    c.put("rollback", RollbackCommand::new);
    c.put("force-unlock", ForceUnlockCommand::new);
    c.put("recover", RecoverCommand::new);
    c.put("drift", DriftCommand::new);
    c.put("doctor", DoctorCommand::new);
    c.put("import", ImportCommand::new);
    c.put("passwd", PasswdCommand::new);
    c.put("status", StatusCommand::new);
    c.put("sessions", SessionsCommand::new);
    c.put("bans", BansCommand::new);
    c.put("events", EventsCommand::new);
    c.put("usage", UsageCommand::new);
    c.put("account", AccountCommand::new); // hidden: ocserv's disconnect hook records traffic
    c.put("help", CommandLine.HelpCommand::new);
    c.put(
        "generate-completion",
        AutoComplete.GenerateCompletion::new); // hidden: the package's bash completion
    return c;
  }

  /** The top command with the subcommand {@code args} names, or with all of them. */
  static CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new Main());
    String named = null;
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        named = arg;
        break;
      }
    }
    boolean needsAll = "help".equals(named) || "generate-completion".equals(named);
    if (named != null && !needsAll && COMMANDS.containsKey(named)) {
      cli.addSubcommand(named, COMMANDS.get(named).get());
    } else {
      COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
      cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
    }
    return cli;
  }

  /**
   * What commands read from their surroundings; tests pass their own. {@code workDir}: where
   * relative paths start ({@code -chdir}).
   */
  record Context(Map<String, String> env, InputStream in, Path workDir) {
    Context(Map<String, String> env, InputStream in) {
      this(env, in, Path.of(""));
    }
  }

  static final ThreadLocal<Context> CONTEXT = new ThreadLocal<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(args, out, err, System.getenv(), System.in));
  }

  public static int execute(
      String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, InputStream in) {
    Chdir chdir;
    try {
      chdir = Chdir.of(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + Printable.line(e.getMessage()));
      err.flush();
      return 1;
    }
    CONTEXT.set(new Context(env, in, chdir.dir()));
    try (DebugSink log = DebugSink.open(env, chdir.original(), err)) {
      String[] rest = chdir.rest();
      DebugLog.log(
          "cli",
          () ->
              new Version().getVersion()[0]
                  + ", java "
                  + Runtime.version()
                  + ", working directory "
                  + chdir.dir().toAbsolutePath()
                  + ", "
                  + rest.length
                  + " argument(s)");
      long start = System.nanoTime();
      CommandLine cli = commandLine(rest);
      // every subcommand answers -h/--help (and -V) too, not only the top command
      cli.getSubcommands()
          .values()
          .forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
      if (!chdir.dir().toString().isEmpty()) {
        // every file option and parameter is relative to -chdir's directory
        Path base = chdir.dir();
        cli.registerConverter(Path.class, text -> base.resolve(text));
      }
      cli.setOut(out);
      cli.setErr(err);
      cli.setExecutionExceptionHandler(
          (e, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + e);
            return 1;
          });
      cli.setParameterExceptionHandler((e, args2) -> Mistakes.report(e, args2));
      int code = cli.execute(rest);
      DebugLog.log(
          "cli",
          () -> "exit " + code + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
      out.flush();
      err.flush();
      return code;
    } finally {
      CONTEXT.remove();
    }
  }

  static Context context() {
    Context c = CONTEXT.get();
    return c != null ? c : new Context(System.getenv(), System.in);
  }

  /** {@code path} relative to the working directory ({@code -chdir}), for files ocsctl names. */
  static Path inWorkDir(String path) {
    return context().workDir().resolve(path);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ocsctl " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
