package dev.lanes.integrate;

import java.nio.file.Path;
import java.time.Instant;

/** A second lanes process for tests: takes the integrator lock of a repository and holds it. */
public final class HoldIntegratorLock {
  private HoldIntegratorLock() {}

  /** Arguments: the repository root and how many seconds to hold the lock. */
  public static void main(String[] args) throws Exception {
    IntegratorLock lock = IntegratorLock.acquire(Path.of(args[0]), Instant.now());
    try {
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(Long.parseLong(args[1]) * 1000);
    } finally {
      lock.close();
    }
  }
}
