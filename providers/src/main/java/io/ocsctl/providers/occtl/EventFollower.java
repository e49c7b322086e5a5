package io.ocsctl.providers.occtl;

import io.ocsctl.providers.ocserv.Processes;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows {@code occtl -j show events} (or {@code occtl show events} when that occtl has no {@code
 * -j}) until a number of events, the end of occtl's output, or {@link #close}. occtl writes through
 * stdio, which holds back a pipe's output until 4 KiB accumulate, so it runs under {@code stdbuf
 * -oL} when coreutils' stdbuf is installed. Its stdin is a pipe kept open (occtl watches stdin for
 * 'q'; a closed stdin would make it spin), and 'q' on it is how it is stopped.
 */
public final class EventFollower implements AutoCloseable {
  /** How following ended: how many events were delivered, why it stopped, in which mode. */
  public record Outcome(int events, String ended, boolean json) {}

  private final OcctlProgram occtl;
  private final Clock clock;
  private volatile Process process;
  private volatile boolean closed;

  public EventFollower(OcctlProgram occtl, Clock clock) {
    this.occtl = occtl;
    this.clock = clock;
  }

  /**
   * Delivers events to {@code sink} ({@code max} 0: no limit) and what could not be read to {@code
   * problems}.
   */
  public Outcome run(int max, Consumer<OcctlEvent> sink, Consumer<String> problems)
      throws OcctlException {
    Attempt json = attempt(true, max, sink, problems);
    if (json.delivered > 0 || json.started || closed || json.exitCode == 0) {
      return new Outcome(json.delivered, json.ended, true);
    }
    Attempt text = attempt(false, max, sink, problems);
    if (text.delivered == 0 && text.exitCode != 0 && !closed) {
      throw new OcctlException(
          "occtl show events failed: " + json.ended + "; without -j: " + text.ended);
    }
    return new Outcome(text.delivered, text.ended, false);
  }

  private record Attempt(int delivered, boolean started, int exitCode, String ended) {}

  private Attempt attempt(
      boolean json, int max, Consumer<OcctlEvent> sink, Consumer<String> problems)
      throws OcctlException {
    List<String> command = new ArrayList<>();
    Optional<Path> stdbuf = Processes.find("stdbuf");
    stdbuf.ifPresent(p -> command.addAll(List.of(p.toString(), "-oL")));
    command.addAll(occtl.command(json, "show", "events"));
    Process p;
    try {
      p = io.ocsctl.providers.ocserv.Processes.builder(command).start();
    } catch (IOException e) {
      throw new OcctlException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    process = p;
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Thread errors = drain(p.getErrorStream(), stderr);
    EventDecoder decoder = new EventDecoder(json, clock);
    int delivered = 0;
    String ended = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      while (ended == null) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        for (OcctlEvent event : decoder.line(line)) {
          sink.accept(event);
          delivered++;
          if (max > 0 && delivered >= max) {
            ended = "stopped after " + max + " event" + (max == 1 ? "" : "s");
            break;
          }
        }
        decoder.drainProblems().forEach(problems);
      }
    } catch (IOException e) {
      ended = closed ? "stopped" : "occtl's output could not be read: " + e.getMessage();
    } finally {
      stop(p);
    }
    try {
      errors.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int exit = p.isAlive() ? -1 : p.exitValue();
    if (ended == null) {
      String said =
          stderr
              .toString(StandardCharsets.UTF_8)
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("nl: cannot find"))
              .findFirst()
              .orElse("");
      ended =
          closed
              ? "stopped"
              : said.isEmpty() ? "occtl ended (exit code " + exit + ")" : LenientJson.excerpt(said);
    }
    return new Attempt(delivered, decoder.started(), exit, ended);
  }

  /** Asks occtl to quit with 'q', then ends it if it does not within two seconds. */
  private static void stop(Process p) {
    try (OutputStream in = p.getOutputStream()) {
      in.write('q');
      in.flush();
    } catch (IOException e) {
      // occtl already ended and closed its stdin
    }
    try {
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroy();
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(2, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream into) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  if (into.size() < 64 * 1024) {
                    into.write(buffer, 0, n);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "occtl-events-stderr");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Stops following from another thread (a shutdown hook); {@link #run} then returns. */
  @Override
  public void close() {
    closed = true;
    Process p = process;
    if (p != null && p.isAlive()) {
      stop(p);
    }
  }
}
