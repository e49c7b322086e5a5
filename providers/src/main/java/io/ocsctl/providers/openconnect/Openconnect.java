package io.ocsctl.providers.openconnect;

import io.ocsctl.providers.ocserv.Processes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A login with the real openconnect client: {@code openconnect --non-inter --passwd-on-stdin
 * --user=USER --servercert=PIN --script=RECORD --script-tun URL}, the password on stdin. With
 * {@code --script-tun} openconnect creates no tun device (no root, no interface, no route on this
 * host): once the session is established it starts the script with the environment it gives
 * vpnc-script, and the script only records that environment and exits, upon which openconnect ends
 * the session (it sends the server its BYE). A client still running after that, or at the timeout,
 * is stopped by its pid.
 */
public final class Openconnect implements VpnLogin {
  /** The variable naming another openconnect (a wrapper, a build of one's own). */
  public static final String PROGRAM_ENV = "OCSCTL_OPENCONNECT";

  /** What makes the client available on Debian and Ubuntu. */
  public static final String INSTALL = "apt-get install openconnect";

  private static final String RECORDED = "pushed";
  private static final Duration AFTER = Duration.ofSeconds(3);
  private static final int OUTPUT_LINES = 6;

  private final Path program;

  private Openconnect(Path program) {
    this.program = program;
  }

  public static Openconnect at(Path program) {
    return new Openconnect(program);
  }

  /** openconnect from {@code $OCSCTL_OPENCONNECT} or the PATH; empty when there is none. */
  public static Optional<Path> program(Map<String, String> env) {
    String configured = env.get(PROGRAM_ENV);
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    return Processes.find("openconnect");
  }

  public Path program() {
    return program;
  }

  @Override
  public Result login(Request request) throws IOException {
    Path dir =
        Files.createTempDirectory(
            "ocsctl-canary-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      return login(request, dir);
    } finally {
      delete(dir);
    }
  }

  private Result login(Request request, Path dir) throws IOException {
    Path script = script(dir);
    Path log = dir.resolve("openconnect.log");
    List<String> command =
        List.of(
            program.toString(),
            "--non-inter",
            "--passwd-on-stdin",
            "--user=" + request.user(),
            "--servercert=" + request.serverCert(),
            "--script=" + script,
            "--script-tun",
            request.url());
    long start = System.nanoTime();
    Process process =
        Processes.builder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write((request.password() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the client exited before reading the password: its output says why
    }
    Path recorded = dir.resolve(RECORDED);
    long deadline = start + request.timeout().toNanos();
    boolean up = false;
    try {
      while (System.nanoTime() < deadline) {
        if (Files.exists(recorded)) {
          up = true;
          break;
        }
        if (!process.isAlive()) {
          up = Files.exists(recorded); // the script may have run just before the client ended
          break;
        }
        Thread.sleep(20);
      }
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      boolean timedOut = !up && process.isAlive();
      // once the script has exited the client ends the session by itself; at the timeout it is
      // stopped: SIGTERM first (it logs out), then SIGKILL
      if (!process.waitFor(up ? AFTER.toMillis() : 0, TimeUnit.MILLISECONDS)) {
        process.destroy();
        if (!process.waitFor(AFTER.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor(AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
      Map<String, String> pushed = up ? environment(Files.readAllBytes(recorded)) : Map.of();
      boolean connected =
          pushed.containsKey("INTERNAL_IP4_ADDRESS") || pushed.containsKey("INTERNAL_IP6_ADDRESS");
      return new Result(connected, pushed, latency, timedOut, tail(log));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while openconnect logged in", e);
    }
  }

  /** The recording script: the environment openconnect gives it, NUL-separated, written at once. */
  private static Path script(Path dir) throws IOException {
    String d = dir.toString();
    if (!d.matches("[A-Za-z0-9/._-]+")) {
      throw new IOException(
          "the temporary directory " + d + " has characters a shell script cannot name safely");
    }
    Path script = dir.resolve("record.sh");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "# ocsctl's canary: record what the server pushed, change nothing, exit\n"
            + "env -0 > "
            + d
            + "/"
            + RECORDED
            + ".tmp && mv "
            + d
            + "/"
            + RECORDED
            + ".tmp "
            + d
            + "/"
            + RECORDED
            + "\nexit 0\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  /** The variables that describe the session (addresses, routes, DNS), from {@code env -0}. */
  static Map<String, String> environment(byte[] recorded) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : new String(recorded, StandardCharsets.UTF_8).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = entry.substring(0, eq);
      if (key.startsWith("INTERNAL_IP")
          || key.startsWith("CISCO_SPLIT_")
          || key.startsWith("CISCO_IPV6_SPLIT_")
          || key.equals("CISCO_DEF_DOMAIN")) {
        out.put(key, entry.substring(eq + 1));
      }
    }
    return out;
  }

  private static List<String> tail(Path log) {
    try {
      List<String> lines =
          Arrays.stream(Files.readString(log, StandardCharsets.UTF_8).split("\n"))
              .map(String::strip)
              .filter(l -> !l.isEmpty())
              .toList();
      return new ArrayList<>(lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()));
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory of 0700 holding no secret: left for the system to clean
    }
  }
}
