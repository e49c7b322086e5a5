package io.ocsctl.providers.occtl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The running server as occtl shows it and acts on it. {@link OcctlProgram} runs the real occtl;
 * tests that are not about the binary pass an in-memory one. Commands take a {@link Factory} so
 * they never construct occtl themselves.
 */
public interface Occtl {
  /** Environment variable naming the occtl program to run instead of the one on the PATH. */
  String PROGRAM_ENV = "OCSCTL_OCCTL";

  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Opens occtl on a socket. */
  @FunctionalInterface
  interface Factory {
    Occtl at(Path socket) throws OcctlException;

    /** The occtl program from {@code $OCSCTL_OCCTL} or the PATH. */
    static Factory program(Map<String, String> env) {
      return socket -> OcctlProgram.at(socket, env);
    }
  }

  /** occtl from {@code $OCSCTL_OCCTL} or the PATH, talking to {@code socket}. */
  static OcctlProgram at(Path socket, Map<String, String> env) throws OcctlException {
    return OcctlProgram.at(socket, env);
  }

  static OcctlProgram of(Path program, Path socket, Duration timeout) throws OcctlException {
    return OcctlProgram.of(program, socket, timeout);
  }

  static Path program(Map<String, String> env) throws OcctlException {
    return OcctlProgram.program(env);
  }

  Path socket();

  /** True when ocserv answers {@code show status} through the socket. */
  boolean answers();

  Parsed<ServerStatus> status() throws OcctlException;

  Parsed<List<ConnectedUser>> users() throws OcctlException;

  /** The connections of one user; empty when the user has none. */
  Parsed<List<ConnectedUser>> user(String name) throws OcctlException;

  Parsed<List<ConnectedUser>> id(String id) throws OcctlException;

  /** {@code show sessions all} with {@code all}, else {@code show sessions valid}. */
  Parsed<List<CookieSession>> sessions(boolean all) throws OcctlException;

  Parsed<List<CookieSession>> session(String sid) throws OcctlException;

  Parsed<List<IRouteEntry>> iroutes() throws OcctlException;

  Parsed<List<BanEntry>> bans() throws OcctlException;

  Parsed<List<BanEntry>> banPoints() throws OcctlException;

  /**
   * {@code occtl reload}: ocserv re-reads its configuration (asynchronously); returns occtl's
   * answer.
   */
  String reload() throws OcctlException;

  /** Ends every connection of {@code name} and invalidates its session cookies. */
  String disconnectUser(String name) throws OcctlException;

  String disconnectId(String id) throws OcctlException;

  /** {@code occtl unban ip ADDR}: fails when ocserv has no entry for the address. */
  String unbanIp(String ip) throws OcctlException;
}
