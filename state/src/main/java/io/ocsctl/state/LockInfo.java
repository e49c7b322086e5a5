package io.ocsctl.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who holds the apply lock, as written in the lock file, so a waiting apply can name its holder and
 * tell a running one from a dead one.
 *
 * @param pid process id of the holder
 * @param host host name of the holder's machine
 * @param user user name the holder runs as
 * @param started when the lock was taken (whole seconds)
 * @param operation what the holder is doing, e.g. {@code apply}
 */
public record LockInfo(long pid, String host, String user, Instant started, String operation) {

  private static final JsonMapper JSON = new JsonMapper();

  public LockInfo {
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be positive, got " + pid);
    }
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(operation, "operation");
  }

  /** Describes the calling process, about to do {@code operation}. */
  static LockInfo ofCurrentProcess(String operation) {
    return new LockInfo(
        ProcessHandle.current().pid(),
        Hostname.current(),
        System.getProperty("user.name", "unknown"),
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        operation);
  }

  /**
   * True when the holder ran on this host and its process is gone: no {@code /proc/PID}, or {@code
   * /proc/PID/stat} in state {@code Z} (killed but not yet reaped) or {@code X}. A holder on
   * another host (shared state directory) is never judged dead.
   */
  public boolean isDeadOnThisHost() {
    return host.equals(Hostname.current()) && !isAlive(pid);
  }

  static boolean isAlive(long pid) {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc.resolve("self"))) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    try {
      String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
      // "PID (COMM) S ...": COMM may hold spaces and parentheses, so look after the last ')'
      int close = stat.lastIndexOf(')');
      char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
      return state != 'Z' && state != 'X';
    } catch (NoSuchFileException gone) {
      return false;
    } catch (IOException unreadable) {
      return Files.isDirectory(proc.resolve(Long.toString(pid)));
    }
  }

  byte[] toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("pid", pid);
    node.put("host", host);
    node.put("user", user);
    node.put("started", started.toString());
    node.put("operation", operation);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
  }

  /** Reads a lock file; empty when it is missing, empty or not a lock written by ocsctl. */
  static Optional<LockInfo> read(Path lockFile) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(lockFile);
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      return Optional.of(
          new LockInfo(
              node.path("pid").asLong(0),
              node.path("host").stringValue(""),
              node.path("user").stringValue(""),
              Instant.parse(node.path("started").stringValue("")),
              node.path("operation").stringValue("")));
    } catch (JacksonException | DateTimeParseException | IllegalArgumentException corrupt) {
      return Optional.empty();
    }
  }
}
