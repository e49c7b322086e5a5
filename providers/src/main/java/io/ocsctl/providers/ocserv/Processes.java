package io.ocsctl.providers.ocserv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs external programs without a shell, with a timeout, capturing their output. */
public final class Processes {
  /**
   * The only environment variables a child (ocserv -t, occtl, systemctl, stdbuf) gets: where
   * programs are, the locale and the time zone. Never the variables a desired state reads passwords
   * from, nor anything else of ocsctl's environment.
   */
  static final java.util.Set<String> PASSED =
      java.util.Set.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ");

  private Processes() {}

  /** {@code builder} with its environment reduced to {@link #PASSED}; every child starts here. */
  public static ProcessBuilder builder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().retainAll(PASSED);
    return builder;
  }

  /** What a program printed and how it exited; {@code exitCode} -1 on timeout. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  public static Result run(List<String> command, Duration timeout) throws IOException {
    long start = System.nanoTime();
    Result result = runQuietly(command, timeout);
    logRun(command, result.exitCode(), start);
    return result;
  }

  /** The debug log's line for a command run: its words (no secret is ever one), exit and time. */
  public static void logRun(List<String> command, int exitCode, long startNanos) {
    io.ocsctl.schema.DebugLog.log(
        "run",
        () ->
            String.join(" ", command)
                + " -> exit "
                + exitCode
                + " in "
                + (System.nanoTime() - startNanos) / 1_000_000
                + " ms");
  }

  private static Result runQuietly(List<String> command, Duration timeout) throws IOException {
    Process process =
        builder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(-1, out.getNow(""), "timed out after " + timeout.toSeconds() + " s");
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The first executable named {@code name} on PATH or in the usual sbin directories. */
  public static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/local/sbin";
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
