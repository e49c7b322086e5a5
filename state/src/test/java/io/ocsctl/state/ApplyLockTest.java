package io.ocsctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyLockTest {

  @TempDir Path tmp;
  private StateDir dir;

  @BeforeEach
  void setUp() throws Exception {
    dir = StateDir.at(tmp.resolve("state"));
  }

  @Test
  void writesTheHolderAndRemovesTheFileOnClose() throws Exception {
    try (ApplyLock lock = ApplyLock.acquire(dir, Duration.ZERO, "apply")) {
      LockInfo holder = ApplyLock.holder(dir).orElseThrow();
      assertEquals(lock.info(), holder);
      assertEquals(ProcessHandle.current().pid(), holder.pid());
      assertEquals(Hostname.current(), holder.host());
      assertEquals(System.getProperty("user.name"), holder.user());
      assertEquals("apply", holder.operation());
      assertFalse(holder.isDeadOnThisHost());
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.lockFile())));
      String json = Files.readString(dir.lockFile());
      assertTrue(json.contains("\"started\" : \"" + holder.started() + "\""), json);
    }
    assertFalse(Files.exists(dir.lockFile()));
    assertTrue(ApplyLock.holder(dir).isEmpty());
  }

  @Test
  void aSecondAcquireTimesOutNamingTheHolder() throws Exception {
    try (ApplyLock lock = ApplyLock.acquire(dir, Duration.ZERO, "apply")) {
      long start = System.nanoTime();
      LockHeldException e =
          assertThrows(
              LockHeldException.class,
              () -> ApplyLock.acquire(dir, Duration.ofMillis(350), "plan"));
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(waited >= 300, "waited " + waited + " ms");
      assertEquals(lock.info(), e.holder());
      assertFalse(e.holderGone());
      assertEquals(
          String.format(
              "the state is locked by pid %d on host %s (user %s, apply since %s)",
              lock.info().pid(), lock.info().host(), lock.info().user(), lock.info().started()),
          e.getMessage());
    }
  }

  @Test
  void zeroTimeoutTriesOnce() throws Exception {
    try (ApplyLock lock = ApplyLock.acquire(dir, Duration.ZERO, "apply")) {
      long start = System.nanoTime();
      assertThrows(LockHeldException.class, () -> ApplyLock.acquire(dir, Duration.ZERO, "apply"));
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 90);
    }
  }

  @Test
  void aWaiterGetsTheLockOnceTheHolderReleasesIt() throws Exception {
    ApplyLock first = ApplyLock.acquire(dir, Duration.ZERO, "apply");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> release =
          pool.submit(
              () -> {
                Thread.sleep(300);
                first.close();
                return null;
              });
      long start = System.nanoTime();
      try (ApplyLock second = ApplyLock.acquire(dir, Duration.ofSeconds(10), "apply")) {
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 250);
        assertEquals(second.info(), ApplyLock.holder(dir).orElseThrow());
      }
      release.get();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoThreadsContendingNeverHoldItTogether() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        workers.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < 15; i++) {
                    try (ApplyLock lock = ApplyLock.acquire(dir, Duration.ofSeconds(20), "apply")) {
                      most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                      Thread.sleep(3);
                      inside.decrementAndGet();
                      done.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> w : workers) {
        w.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, most.get());
    assertEquals(30, done.get());
    assertFalse(Files.exists(dir.lockFile()));
  }

  @Test
  void aDeadHoldersLockOnThisHostIsTakenOverSayingWhose() throws Exception {
    long deadPid = finishedProcessPid();
    LockInfo dead =
        new LockInfo(
            deadPid, Hostname.current(), "root", Instant.parse("2026-11-24T04:00:00Z"), "apply");
    Files.write(dir.lockFile(), dead.toJson());

    try (ApplyLock lock = ApplyLock.acquire(dir, Duration.ZERO, "apply")) {
      assertEquals(ProcessHandle.current().pid(), ApplyLock.holder(dir).orElseThrow().pid());
      assertEquals(
          "the lock of pid "
              + deadPid
              + " on this host (user root, apply since 2026-11-24T04:00:00Z), which is gone",
          lock.takenOver().orElseThrow());
    }
    assertFalse(Files.exists(dir.lockFile()));
    try (ApplyLock again = ApplyLock.acquire(dir, Duration.ZERO, "apply")) {
      assertTrue(again.takenOver().isEmpty());
    }
  }

  @Test
  void forceUnlockStillRemovesALockFile() throws Exception {
    Files.write(dir.lockFile(), new byte[0]);
    assertTrue(ApplyLock.forceUnlock(dir));
    assertFalse(ApplyLock.forceUnlock(dir));
  }

  @Test
  void aHolderOnAnotherHostIsNeverJudgedDead() throws Exception {
    LockInfo remote =
        new LockInfo(
            finishedProcessPid(), "not-" + Hostname.current(), "ops", Instant.now(), "apply");
    Files.write(dir.lockFile(), remote.toJson());

    LockHeldException e =
        assertThrows(LockHeldException.class, () -> ApplyLock.acquire(dir, Duration.ZERO, "apply"));
    assertFalse(e.holderGone());
    assertFalse(e.getMessage().contains("force-unlock"));
  }

  @Test
  void anEmptyOrCorruptLockFileLeftByACrashIsTakenOver() throws Exception {
    for (String content : List.of("", "{\"pid\":", "{\"pid\":0}", "not json")) {
      Files.writeString(dir.lockFile(), content);
      try (ApplyLock lock = ApplyLock.acquire(dir, Duration.ZERO, "apply")) {
        assertTrue(
            lock.takenOver().orElseThrow().startsWith("an empty or unreadable lock file"), content);
      }
    }
  }

  @Test
  void aZombieCountsAsDead() throws Exception {
    // sh starts a short child, then becomes a sleep that never reaps it: the child turns zombie
    Process parent =
        new ProcessBuilder("sh", "-c", "sleep 0.05 & echo $!; exec sleep 30")
            .redirectErrorStream(true)
            .start();
    try {
      long zombie;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
        zombie = Long.parseLong(out.readLine().trim());
        Path stat = Path.of("/proc/" + zombie + "/stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(stat).matches("(?s).*\\) Z .*")) {
          assertTrue(System.nanoTime() < deadline, "no zombie appeared");
          Thread.sleep(20);
        }
        assertTrue(Files.exists(Path.of("/proc/" + zombie)), "a zombie keeps its /proc entry");
      }
      assertFalse(LockInfo.isAlive(zombie));
      assertTrue(
          new LockInfo(zombie, Hostname.current(), "u", Instant.now(), "apply").isDeadOnThisHost());
      assertTrue(LockInfo.isAlive(parent.pid()));
    } finally {
      parent.destroyForcibly();
      parent.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void rejectsANegativeTimeout() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ApplyLock.acquire(dir, Duration.ofSeconds(-1), "apply"));
  }

  private static long finishedProcessPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertEquals(0, p.waitFor());
    return p.pid();
  }
}
