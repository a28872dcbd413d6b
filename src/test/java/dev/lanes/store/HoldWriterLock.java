package dev.lanes.store;

import dev.lanes.port.StoreUpdate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A second lanes process for tests: takes the writer lock of a repository and holds it. */
public final class HoldWriterLock {
  private HoldWriterLock() {}

  /** Arguments: the repository root and how many seconds to hold the lock. */
  public static void main(String[] args) throws Exception {
    PlanStore store = new PlanStore(Path.of(args[0]), Clock.systemUTC(), Duration.ofSeconds(5));
    long seconds = Long.parseLong(args[1]);
    store.update(
        snapshot -> {
          System.out.println("locked");
          System.out.flush();
          try {
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return StoreUpdate.of(Boolean.TRUE);
        });
  }
}
