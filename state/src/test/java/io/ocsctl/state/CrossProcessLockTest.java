package io.ocsctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock between two JVMs: exclusion, the OS lock behind a removed file, a killed holder. */
class CrossProcessLockTest {

  @TempDir Path tmp;
  private Process child;

  @AfterEach
  void stopChild() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void secondJvmHoldsTheLockUntilKilledThenItIsTakenOver() throws Exception {
    StateDir dir = StateDir.at(tmp.resolve("state"));
    child = startHolder(dir);
    LockInfo holder = awaitHolder(dir, child.pid());

    LockHeldException busy =
        assertThrows(
            LockHeldException.class, () -> ApplyLock.acquire(dir, Duration.ofMillis(300), "apply"));
    assertEquals(child.pid(), busy.holder().pid());
    assertFalse(busy.holderGone());
    assertFalse(holder.isDeadOnThisHost());
    assertTrue(
        busy.getMessage().startsWith("the state is locked by pid " + child.pid() + " on host "),
        busy.getMessage());

    child.destroyForcibly();
    assertTrue(child.waitFor(10, TimeUnit.SECONDS));

    assertTrue(Files.exists(dir.lockFile()), "kill -9 leaves the lock file behind");
    try (ApplyLock lock = ApplyLock.acquire(dir, Duration.ZERO, "apply")) {
      assertEquals(ProcessHandle.current().pid(), lock.info().pid());
      assertTrue(
          lock.takenOver()
              .orElseThrow()
              .startsWith("the lock of pid " + child.pid() + " on this host"),
          lock.takenOver().get());
    }
  }

  @Test
  void removingTheLockFileUnderALiveHolderDoesNotLetASecondApplyIn() throws Exception {
    StateDir dir = StateDir.at(tmp.resolve("state"));
    child = startHolder(dir);
    awaitHolder(dir, child.pid());

    assertTrue(ApplyLock.forceUnlock(dir));

    LockHeldException e =
        assertThrows(
            LockHeldException.class, () -> ApplyLock.acquire(dir, Duration.ofMillis(300), "apply"));
    assertNull(e.holder());
    assertFalse(e.holderGone());
    assertFalse(Files.exists(dir.lockFile()));
  }

  private Process startHolder(StateDir dir) throws Exception {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderMain.class.getName(),
                dir.path().toString(),
                "60000"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(tmp.resolve("child.err").toFile())
        .start();
  }

  private LockInfo awaitHolder(StateDir dir, long pid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Optional<LockInfo> holder = ApplyLock.holder(dir);
      if (holder.isPresent() && holder.get().pid() == pid) {
        return holder.get();
      }
      assertTrue(child.isAlive(), () -> "lock holder JVM died: " + childErr());
      Thread.sleep(50);
    }
    throw new AssertionError("lock holder JVM did not take the lock: " + childErr());
  }

  private String childErr() {
    try {
      return Files.readString(tmp.resolve("child.err"));
    } catch (Exception e) {
      return e.toString();
    }
  }
}
