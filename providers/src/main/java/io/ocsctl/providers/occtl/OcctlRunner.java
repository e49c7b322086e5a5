package io.ocsctl.providers.occtl;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one occtl command without a shell, with a timeout, keeping at most {@code maxBytes} of its
 * output (the rest is read and dropped, so a runaway program can neither block nor fill memory).
 */
final class OcctlRunner {
  private OcctlRunner() {}

  /** How the program ended; {@code exitCode} -1 when it was killed at the timeout. */
  record Result(int exitCode, String stdout, String stderr, boolean truncated) {}

  static Result run(List<String> command, Duration timeout, int maxBytes) throws OcctlException {
    long start = System.nanoTime();
    Result result = runQuietly(command, timeout, maxBytes);
    io.ocsctl.providers.ocserv.Processes.logRun(command, result.exitCode(), start);
    return result;
  }

  private static Result runQuietly(List<String> command, Duration timeout, int maxBytes)
      throws OcctlException {
    Process process;
    try {
      process =
          io.ocsctl.providers.ocserv.Processes.builder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new OcctlException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    Capture out = new Capture(process.getInputStream(), maxBytes);
    Capture err = new Capture(process.getErrorStream(), 64 * 1024);
    out.start();
    err.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(2, TimeUnit.SECONDS);
        return new Result(-1, "", "no answer within " + timeout.toSeconds() + " s", false);
      }
      out.join(timeout.toMillis());
      err.join(1000);
      return new Result(process.exitValue(), out.text(), err.text(), out.truncated);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new OcctlException("interrupted while running " + String.join(" ", command), e);
    }
  }

  /** Reads one stream to its end on a thread of its own, keeping the first {@code max} bytes. */
  private static final class Capture extends Thread {
    private final InputStream in;
    private final int max;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean truncated;

    Capture(InputStream in, int max) {
      super("occtl-output");
      setDaemon(true);
      this.in = in;
      this.max = max;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[65536];
      try (in) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          int room = max - kept.size();
          if (n > room) {
            truncated = true;
          }
          kept.write(buffer, 0, Math.max(0, Math.min(n, room)));
        }
      } catch (IOException e) {
        truncated = true;
      }
    }

    String text() {
      return kept.toString(StandardCharsets.UTF_8);
    }
  }
}
