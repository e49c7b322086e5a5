package io.ocsctl.schema;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The debug log {@code OCSCTL_LOG=debug} turns on: phases and their timings, files read, commands
 * run. Off unless the CLI gives it a sink, so a message costs nothing then. Every line goes through
 * {@link SecretMask} and {@link Printable}, and callers log names, paths, counts and timings —
 * never a value read from a file, a secret or the environment.
 */
public final class DebugLog {
  private static volatile Consumer<String> sink;

  private DebugLog() {}

  /** Where lines go from now on; {@code null} turns the log off. */
  public static void to(Consumer<String> lines) {
    sink = lines;
  }

  public static boolean on() {
    return sink != null;
  }

  /** One line: {@code TIME [DEBUG] area: message}. */
  public static void log(String area, Supplier<String> message) {
    Consumer<String> s = sink;
    if (s == null) {
      return;
    }
    s.accept(
        Instant.now() + " [DEBUG] " + area + ": " + Printable.line(SecretMask.mask(message.get())));
  }

  /** Logs the start of {@code phase}; closing the result logs how long it took. */
  public static Phase phase(String area, String phase) {
    if (sink == null) {
      return Phase.NONE;
    }
    log(area, () -> phase + " ...");
    long start = System.nanoTime();
    return () ->
        log(area, () -> phase + " took " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  /** A timed phase; {@code close} never throws. */
  public interface Phase extends AutoCloseable {
    Phase NONE = () -> {};

    @Override
    void close();
  }
}
