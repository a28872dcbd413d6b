package dev.lanes.testing;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on an observable condition with a limit that says what was waited for. */
public final class Await {
  private Await() {}

  /** Waits until {@code condition} holds; fails naming {@code what} after {@code limit}. */
  public static void until(BooleanSupplier condition, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
      }
      pause();
    }
  }

  /** Polls {@code found} until it is empty or {@code limit} passed; returns its last answer. */
  public static <T> List<T> until(Duration limit, Supplier<List<T>> found) {
    long deadline = System.nanoTime() + limit.toNanos();
    List<T> last = found.get();
    while (!last.isEmpty() && System.nanoTime() < deadline) {
      pause();
      last = found.get();
    }
    return last;
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
