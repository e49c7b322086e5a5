package io.ocsctl.cli.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code openconnect} client run in the harness's network namespace, the password written to
 * its stdin (no shell, no {@code echo}). A full session runs in the background until the server
 * ends it or {@link #close} stops it by its pid; {@link #authenticate} only checks a login.
 */
public final class VpnClient implements AutoCloseable {
  private final Process process;
  private final Path log;

  private VpnClient(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** How a login check went: openconnect's exit code and what it printed. */
  public record Login(int exitCode, String output) {
    public boolean accepted() {
      return exitCode == 0 && output.contains("COOKIE=");
    }
  }

  static VpnClient start(OcservHarness server, String user, String password, Path log)
      throws IOException {
    List<String> command = command(server.netns(), "127.0.0.1", server, user, "--script=/bin/true");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    writePassword(p, password);
    return new VpnClient(p, log);
  }

  /**
   * A full session from namespace {@code netns} to the server at {@code host}, {@code script} as
   * its vpnc-script (e.g. one that configures the tun device so that traffic can flow).
   */
  static VpnClient start(
      String netns,
      String host,
      OcservHarness server,
      String user,
      String password,
      Path script,
      Path log)
      throws IOException {
    List<String> command = command(netns, host, server, user, "--script=" + script);
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    writePassword(p, password);
    return new VpnClient(p, log);
  }

  static Login authenticate(OcservHarness server, String user, String password, Path log)
      throws IOException, InterruptedException {
    return authenticate(server.netns(), "127.0.0.1", server, user, password, log);
  }

  /** A login check from namespace {@code netns}, reaching the server at {@code host}. */
  static Login authenticate(
      String netns, String host, OcservHarness server, String user, String password, Path log)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command(netns, host, server, user, "--authenticate"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    writePassword(p, password);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    return new Login(
        p.isAlive() ? -1 : p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static List<String> command(
      String netns, String host, OcservHarness server, String user, String mode) {
    return List.of(
        "ip",
        "netns",
        "exec",
        netns,
        "openconnect",
        "--non-inter",
        "--passwd-on-stdin",
        "-u",
        user,
        "--servercert",
        "pin-sha256:" + server.pin(),
        mode,
        "https://" + host + ":" + server.port());
  }

  private static void writePassword(Process p, String password) throws IOException {
    try (OutputStream in = p.getOutputStream()) {
      in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The pid of openconnect itself ({@code ip netns exec} execs it). */
  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** True when openconnect exited within {@code timeout}. */
  public boolean waitForExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the client by its pid: SIGTERM (openconnect says goodbye to the server), then SIGKILL.
   */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
