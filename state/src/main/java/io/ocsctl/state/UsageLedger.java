package io.ocsctl.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The traffic of ended sessions, as ocserv reported it to its disconnect script, kept for quotas in
 * {@code usage/YYYY-MM.jsonl} of the state directory (the month, in UTC, the session ended).
 *
 * <p>Crash safety without a journal: a record is one line, appended and fsynced under an exclusive
 * lock. A crash can only leave a last line without its newline; readers skip such a torn line and
 * the next append first ends it, so a record is counted wholly or not at all. Lines that are not a
 * record (a torn one, or one edited by hand) are skipped and counted in {@link Read#skipped}.
 */
public final class UsageLedger {

  /** One ended session: who, when it ended, and ocserv's byte counts. */
  public record Session(
      Instant ended,
      String user,
      String group,
      String vhost,
      String id,
      long bytesIn,
      long bytesOut,
      long seconds) {
    public Session {
      if (bytesIn < 0 || bytesOut < 0 || seconds < 0) {
        throw new IllegalArgumentException("byte counts and durations are not negative");
      }
    }
  }

  /** What a read found: the records in the asked range, and how many lines were not records. */
  public record Read(List<Session> sessions, int skipped) {}

  /** A line longer than this is not a record (names are bounded long before). */
  static final int MAX_LINE = 4096;

  private static final JsonMapper JSON = new JsonMapper();

  /** File locks exclude other processes only; threads of this one queue here. */
  private static final Object APPENDING = new Object();

  private final Path dir;

  public UsageLedger(StateDir state) {
    this.dir = state.path().resolve("usage");
  }

  /** Appends {@code session} durably. */
  public void append(Session session) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("ended", session.ended().toString());
    o.put("user", session.user());
    o.put("group", session.group());
    o.put("vhost", session.vhost());
    o.put("id", session.id());
    o.put("in", session.bytesIn());
    o.put("out", session.bytesOut());
    o.put("seconds", session.seconds());
    byte[] line = (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
    if (line.length > MAX_LINE) {
      throw new IOException("a usage record of " + line.length + " bytes is too long to keep");
    }
    DurableFiles.createPrivateDirectory(dir);
    Path file = fileOf(YearMonth.from(session.ended().atZone(ZoneOffset.UTC)));
    synchronized (APPENDING) {
      appendLocked(file, line);
    }
  }

  private void appendLocked(Path file, byte[] line) throws IOException {
    boolean created = !Files.exists(file);
    try (FileChannel ch =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ),
            PosixFilePermissions.asFileAttribute(DurableFiles.OWNER_RW))) {
      try (var lock = ch.lock()) {
        StateFiles.checkPrivate(file);
        long size = ch.size();
        ByteBuffer out;
        if (size > 0 && !endsWithNewline(ch, size)) {
          // a torn record of a crashed append: end it, so it stays one skipped line
          out = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
        } else {
          out = ByteBuffer.wrap(line);
        }
        long at = size;
        while (out.hasRemaining()) {
          at += ch.write(out, at);
        }
        ch.force(true);
      }
    }
    if (created) {
      DurableFiles.fsyncDirectory(dir);
    }
  }

  /** The records of sessions that ended in {@code [from, to)}. */
  public Read read(Instant from, Instant to) throws IOException {
    List<Session> sessions = new ArrayList<>();
    int skipped = 0;
    YearMonth last = YearMonth.from(to.atZone(ZoneOffset.UTC));
    for (YearMonth m = YearMonth.from(from.atZone(ZoneOffset.UTC));
        !m.isAfter(last);
        m = m.plusMonths(1)) {
      Path file = fileOf(m);
      byte[] bytes;
      try {
        StateFiles.checkPrivate(file);
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException none) {
        continue;
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      int start = 0;
      while (start < text.length()) {
        int nl = text.indexOf('\n', start);
        if (nl < 0) {
          skipped++; // torn by a crash: never counted
          break;
        }
        Session s = parse(text.substring(start, nl));
        if (s == null) {
          skipped++;
        } else if (!s.ended().isBefore(from) && s.ended().isBefore(to)) {
          sessions.add(s);
        }
        start = nl + 1;
      }
    }
    return new Read(List.copyOf(sessions), skipped);
  }

  private Path fileOf(YearMonth month) {
    return dir.resolve(month + ".jsonl");
  }

  private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    ch.read(last, size - 1);
    return last.get(0) == '\n';
  }

  private static Session parse(String line) {
    if (line.isBlank() || line.length() > MAX_LINE) {
      return null;
    }
    try {
      JsonNode o = JSON.readTree(line);
      if (!o.isObject()
          || !o.path("in").canConvertToExactIntegral()
          || !o.path("out").canConvertToExactIntegral()) {
        return null;
      }
      return new Session(
          Instant.parse(o.path("ended").asString()),
          o.path("user").asString(),
          o.path("group").asString(),
          o.path("vhost").asString(),
          o.path("id").asString(),
          o.path("in").asLong(),
          o.path("out").asLong(),
          o.path("seconds").asLong());
    } catch (RuntimeException e) { // Jackson's errors, a bad instant or a negative count
      return null;
    }
  }
}
