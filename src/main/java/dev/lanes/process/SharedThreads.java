package dev.lanes.process;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads every run shares. Starting a thread costs about 0.1 ms of CPU and as much wall time, and
 * a run needs one to wait for the shell, two to read its output and one to watch its time limit:
 * reusing idle threads takes that off every gate. The threads are daemons, so an idle pool never
 * keeps the JVM alive; lanes exits through {@code System.exit}, whose shutdown hook ends any tree
 * still running.
 */
final class SharedThreads {

  /**
   * Runs Commons Exec's blocking {@code execute}, the output pumps and tree endings. It grows with
   * demand and has no queue, like starting a thread per task: a pump blocked on a pipe held open by
   * an escaped process never delays another run.
   */
  static final ExecutorService WORKERS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          daemons("lanes-process-"));

  /**
   * Fires time limits. Its tasks only hand the ending of a tree to {@link #WORKERS}, so one thread
   * serves every run; cancelled limits leave the queue at once rather than when they would expire.
   */
  static final ScheduledThreadPoolExecutor TIMER = timer();

  private SharedThreads() {}

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("lanes-timer-"));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
