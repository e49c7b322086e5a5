package io.ocsctl.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ocsctl}: Terraform-style plan/apply for ocserv. Exit codes: 0 success or no changes, 1
 * error, 2 changes present (with -detailed-exitcode), 3 fmt -check found unformatted files.
 */
@Command(
    name = "ocsctl",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Plan and apply ocserv (OpenConnect VPN server) configuration from one reviewed desired-state file.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success; for plan: no changes",
      "1:error (nothing was changed)",
      "2:plan -detailed-exitcode: changes present",
      "3:fmt -check: a file is not canonical"
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
    }
    return cli;
  }

  /** What commands read from their surroundings; tests pass their own. */
  record Context(Map<String, String> env, InputStream in) {}

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
    CONTEXT.set(new Context(env, in));
    try {
      CommandLine cli = commandLine(args);
      // every subcommand answers -h/--help (and -V) too, not only the top command
      cli.getSubcommands()
          .values()
          .forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
      cli.setOut(out);
      cli.setErr(err);
      cli.setExecutionExceptionHandler(
          (e, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + e);
            return 1;
          });
      cli.setParameterExceptionHandler(
          (e, args2) -> {
            e.getCommandLine().getErr().println("Error: " + e.getMessage());
            e.getCommandLine()
                .getErr()
                .println(
                    "Run 'ocsctl "
                        + e.getCommandLine().getCommandName()
                        + " --help' for the options.");
            return 1;
          });
      int code = cli.execute(args);
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

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ocsctl " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
