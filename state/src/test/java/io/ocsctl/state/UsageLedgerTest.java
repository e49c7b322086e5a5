package io.ocsctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.state.UsageLedger.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageLedgerTest {

  @TempDir Path tmp;

  private static Session session(String user, String ended, long in, long out) {
    return new Session(Instant.parse(ended), user, "eng", "", "7", in, out, 60);
  }

  @Test
  void recordsAreReadBackByTheMomentTheSessionEnded() throws IOException {
    UsageLedger ledger = new UsageLedger(StateDir.at(tmp.resolve("state")));
    ledger.append(session("alice", "2026-11-30T23:59:59Z", 1, 2));
    ledger.append(session("alice", "2026-12-01T00:00:00Z", 10, 20));
    ledger.append(session("bob", "2026-12-31T12:00:00Z", 100, 200));
    ledger.append(session("bob", "2027-01-01T00:00:00Z", 1000, 2000));

    UsageLedger.Read dec =
        ledger.read(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
    assertEquals(
        List.of(
            session("alice", "2026-12-01T00:00:00Z", 10, 20),
            session("bob", "2026-12-31T12:00:00Z", 100, 200)),
        dec.sessions());
    assertEquals(0, dec.skipped());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(tmp.resolve("state/usage/2026-12.jsonl"))));
  }

  @Test
  void aRecordTornByACrashIsNeverCountedAndTheNextAppendEndsIt() throws IOException {
    UsageLedger ledger = new UsageLedger(StateDir.at(tmp.resolve("state")));
    ledger.append(session("alice", "2026-12-01T10:00:00Z", 10, 20));
    Path file = tmp.resolve("state/usage/2026-12.jsonl");
    // what a crash in the middle of write() leaves
    Files.writeString(
        file,
        "{\"ended\":\"2026-12-02T00:00:00Z\",\"user\":\"bob\",\"in\":99",
        StandardOpenOption.APPEND);
    Instant from = Instant.parse("2026-12-01T00:00:00Z");
    Instant to = Instant.parse("2027-01-01T00:00:00Z");
    assertEquals(1, ledger.read(from, to).sessions().size());
    assertEquals(1, ledger.read(from, to).skipped());

    ledger.append(session("carol", "2026-12-03T10:00:00Z", 1, 1));
    UsageLedger.Read read = ledger.read(from, to);
    assertEquals(List.of("alice", "carol"), read.sessions().stream().map(Session::user).toList());
    assertEquals(1, read.skipped());
  }

  @Test
  void linesEditedByHandAreSkippedNotTrusted() throws IOException {
    UsageLedger ledger = new UsageLedger(StateDir.at(tmp.resolve("state")));
    ledger.append(session("alice", "2026-12-01T10:00:00Z", 10, 20));
    Path file = tmp.resolve("state/usage/2026-12.jsonl");
    Files.writeString(
        file,
        "not json\n[1,2]\n{\"ended\":\"2026-12-05T00:00:00Z\",\"user\":\"x\",\"in\":-5,\"out\":1}\n"
            + "{\"ended\":\"yesterday\",\"user\":\"x\",\"in\":5,\"out\":1}\n",
        StandardOpenOption.APPEND);
    UsageLedger.Read read =
        ledger.read(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
    assertEquals(1, read.sessions().size());
    assertEquals(4, read.skipped());
  }

  @Test
  void namesWithControlCharactersAndQuotesStayOneRecord() throws IOException {
    UsageLedger ledger = new UsageLedger(StateDir.at(tmp.resolve("state")));
    Session odd = session("a\nb\"c\u001b[2J", "2026-12-01T10:00:00Z", 1, 2);
    ledger.append(odd);
    String text =
        Files.readString(tmp.resolve("state/usage/2026-12.jsonl"), StandardCharsets.UTF_8);
    assertEquals(1, text.lines().count());
    assertTrue(!text.contains("\u001b"));
    assertEquals(
        List.of(odd),
        ledger
            .read(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"))
            .sessions());
  }

  @Test
  void concurrentDisconnectsEachLandWhole() throws Exception {
    StateDir state = StateDir.at(tmp.resolve("state"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      done.add(
          pool.submit(
              () -> {
                new UsageLedger(state).append(session("u" + n, "2026-12-01T10:00:00Z", n, n));
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    UsageLedger.Read read =
        new UsageLedger(state)
            .read(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"));
    assertEquals(200, read.sessions().size());
    assertEquals(0, read.skipped());
    assertEquals(
        199L * 200, read.sessions().stream().mapToLong(s -> s.bytesIn() + s.bytesOut()).sum());
  }

  @Test
  void aLedgerFileOthersCouldWriteIsNotTrusted() throws IOException {
    UsageLedger ledger = new UsageLedger(StateDir.at(tmp.resolve("state")));
    ledger.append(session("alice", "2026-12-01T10:00:00Z", 10, 20));
    Path file = tmp.resolve("state/usage/2026-12.jsonl");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                ledger.read(
                    Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
  }
}
