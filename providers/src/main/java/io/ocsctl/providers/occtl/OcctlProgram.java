package io.ocsctl.providers.occtl;

import io.ocsctl.providers.ocserv.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link Occtl} through the occtl program: {@code occtl -s SOCKET -j show ...} for the views,
 * {@code occtl -s SOCKET reload | disconnect ...} for the actions. Every argument is checked by
 * {@link OcctlArgs}; occtl runs without a shell and with a timeout.
 */
public final class OcctlProgram implements Occtl {

  private final Path program;
  private final Path socket;
  private final Duration timeout;

  private OcctlProgram(Path program, Path socket, Duration timeout) {
    this.program = program;
    this.socket = socket;
    this.timeout = timeout;
  }

  public static OcctlProgram of(Path program, Path socket, Duration timeout) throws OcctlException {
    OcctlArgs.socket(socket.toString());
    return new OcctlProgram(program, socket, timeout);
  }

  /** occtl from {@code $OCSCTL_OCCTL} or the PATH, talking to {@code socket}. */
  public static OcctlProgram at(Path socket, Map<String, String> env) throws OcctlException {
    return of(program(env), socket.toAbsolutePath().normalize(), DEFAULT_TIMEOUT);
  }

  public static Path program(Map<String, String> env) throws OcctlException {
    String configured = env.get(PROGRAM_ENV);
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      if (!Files.isExecutable(p)) {
        throw new OcctlException(PROGRAM_ENV + "=" + configured + " is not an executable program");
      }
      return p;
    }
    return Processes.find("occtl")
        .orElseThrow(
            () ->
                new OcctlException(
                    "occtl is not installed (Debian: apt-get install ocserv); it is how ocsctl talks to the running server"));
  }

  @Override
  public Path socket() {
    return socket;
  }

  public Path program() {
    return program;
  }

  /** True when the socket exists and ocserv answers {@code show status} through it. */
  @Override
  public boolean answers() {
    if (!Files.exists(socket)) {
      return false;
    }
    try {
      status();
      return true;
    } catch (OcctlException e) {
      return false;
    }
  }

  @Override
  public Parsed<ServerStatus> status() throws OcctlException {
    return OcctlParser.status(query("show", "status"));
  }

  @Override
  public Parsed<List<ConnectedUser>> users() throws OcctlException {
    return OcctlParser.users(query("show", "users"));
  }

  /** The connections of one user; empty when the user has none. */
  @Override
  public Parsed<List<ConnectedUser>> user(String name) throws OcctlException {
    return OcctlParser.users(query("show", "user", OcctlArgs.user(name)));
  }

  @Override
  public Parsed<List<ConnectedUser>> id(String id) throws OcctlException {
    return OcctlParser.users(query("show", "id", OcctlArgs.id(id)));
  }

  /** {@code show sessions all} with {@code all}, else {@code show sessions valid}. */
  @Override
  public Parsed<List<CookieSession>> sessions(boolean all) throws OcctlException {
    return OcctlParser.sessions(query("show", "sessions", all ? "all" : "valid"));
  }

  @Override
  public Parsed<List<CookieSession>> session(String sid) throws OcctlException {
    return OcctlParser.sessions(query("show", "session", OcctlArgs.session(sid)));
  }

  @Override
  public Parsed<List<IRouteEntry>> iroutes() throws OcctlException {
    return OcctlParser.iroutes(query("show", "iroutes"));
  }

  @Override
  public Parsed<List<BanEntry>> bans() throws OcctlException {
    return OcctlParser.bans(query("show", "ip", "bans"));
  }

  @Override
  public Parsed<List<BanEntry>> banPoints() throws OcctlException {
    return OcctlParser.bans(query("show", "ip", "ban", "points"));
  }

  /**
   * {@code occtl reload}: ocserv re-reads its configuration (asynchronously); returns occtl's
   * answer.
   */
  @Override
  public String reload() throws OcctlException {
    return action(out -> out.contains("scheduled to reload"), "reload");
  }

  /** Ends every connection of {@code name} and invalidates its session cookies. */
  @Override
  public String disconnectUser(String name) throws OcctlException {
    return action(
        out -> out.contains("was disconnected"), "disconnect", "user", OcctlArgs.user(name));
  }

  @Override
  public String disconnectId(String id) throws OcctlException {
    return action(out -> out.contains("was disconnected"), "disconnect", "id", OcctlArgs.id(id));
  }

  /**
   * {@code occtl unban ip ADDR}: ocserv sets the address's score to zero. Fails when ocserv has no
   * entry for it (never banned, or its entry expired and was cleaned up).
   */
  @Override
  public String unbanIp(String ip) throws OcctlException {
    return action(out -> out.contains("was unbanned"), "unban", "ip", OcctlArgs.ip(ip));
  }

  /** The command line for {@code words}, with {@code -j} when {@code json}. */
  List<String> command(boolean json, String... words) {
    List<String> command = new ArrayList<>(List.of(program.toString(), "-s", socket.toString()));
    if (json) {
      command.add("-j");
    }
    command.addAll(List.of(words));
    return command;
  }

  private String query(String... words) throws OcctlException {
    OcctlRunner.Result r = OcctlRunner.run(command(true, words), timeout, LenientJson.MAX_CHARS);
    String what = String.join(" ", words);
    if (r.truncated()) {
      throw new OcctlException(
          what
              + ": occtl printed more than "
              + (LenientJson.MAX_CHARS >> 20)
              + " MiB; refusing to read it");
    }
    if (r.exitCode() == 0 || (r.exitCode() > 0 && LenientJson.jsonStart(r.stdout()) >= 0)) {
      return r.stdout();
    }
    throw failure(what, r);
  }

  private String action(Function<String, Boolean> succeeded, String... words)
      throws OcctlException {
    OcctlRunner.Result r = OcctlRunner.run(command(false, words), timeout, 1024 * 1024);
    if (r.exitCode() == 0 && succeeded.apply(r.stdout())) {
      return r.stdout().strip();
    }
    throw failure(String.join(" ", words), r);
  }

  private OcctlException failure(String what, OcctlRunner.Result r) {
    if (r.exitCode() < 0) {
      return new OcctlException(
          "occtl "
              + what
              + ": ocserv gave no answer on "
              + socket
              + " within "
              + timeout.toSeconds()
              + " s");
    }
    String said =
        firstLine(r.stderr()).or(() -> firstLine(r.stdout())).orElse("exit code " + r.exitCode());
    if (said.contains("error connecting")) {
      return new OcctlException("ocserv does not answer on " + socket + " (" + said + ")");
    }
    return new OcctlException("occtl " + what + " failed: " + said);
  }

  private static Optional<String> firstLine(String text) {
    return text.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("nl: cannot find"))
        .findFirst()
        .map(LenientJson::excerpt);
  }
}
