package io.ocsctl.state;

import java.nio.file.Path;
import java.time.Duration;

/** Runs in a second JVM for {@link CrossProcessLockTest}: takes the lock and sleeps holding it. */
public final class LockHolderMain {

  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    StateDir dir = StateDir.at(Path.of(args[0]));
    ApplyLock lock = ApplyLock.acquire(dir, Duration.ofSeconds(10), "apply");
    Thread.sleep(Long.parseLong(args[1]));
    lock.close();
  }
}
