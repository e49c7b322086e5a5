package io.ocsctl.cli;

import io.ocsctl.schema.DebugLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where {@link DebugLog} writes for one run: {@code OCSCTL_LOG=debug} (or {@code trace}) turns it
 * on, to stderr, or appended to {@code OCSCTL_LOG_PATH} (created mode 0600). Closing turns it off.
 */
final class DebugSink implements AutoCloseable {
  private static final Set<String> ON = Set.of("debug", "trace");
  private static final Set<String> OFF = Set.of("", "off", "info", "warn", "error");
  private final Writer file;

  private DebugSink(Writer file) {
    this.file = file;
  }

  static DebugSink open(Map<String, String> env, Path original, PrintWriter err) {
    String level = env.getOrDefault("OCSCTL_LOG", "").strip().toLowerCase(Locale.ROOT);
    if (!ON.contains(level)) {
      if (!OFF.contains(level)) {
        err.println(
            "warning: OCSCTL_LOG="
                + io.ocsctl.schema.Printable.line(level)
                + " is not a level ocsctl logs at; use OCSCTL_LOG=debug");
      }
      return new DebugSink(null);
    }
    String path = env.getOrDefault("OCSCTL_LOG_PATH", "");
    if (path.isEmpty()) {
      DebugLog.to(line -> err.println(line));
      return new DebugSink(null);
    }
    try {
      Path target = original.resolve(path);
      if (!Files.exists(target)) {
        Files.createFile(
            target,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Writer w =
          Files.newBufferedWriter(
              target, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      DebugLog.to(
          line -> {
            synchronized (w) {
              try {
                w.write(line);
                w.write('\n');
              } catch (IOException e) {
                // a log that cannot be written must not fail the run
              }
            }
          });
      return new DebugSink(w);
    } catch (IOException e) {
      err.println(
          "warning: cannot write the debug log to "
              + io.ocsctl.schema.Printable.line(path)
              + ": "
              + e.getMessage()
              + "; it goes to stderr");
      DebugLog.to(line -> err.println(line));
      return new DebugSink(null);
    }
  }

  @Override
  public void close() {
    DebugLog.to(null);
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        // nothing left to log to
      }
    }
  }
}
