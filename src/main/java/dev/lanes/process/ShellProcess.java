package dev.lanes.process;

import dev.lanes.port.ProcessOutcome;
import dev.lanes.port.RunningProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;

/**
 * One started shell: its tree, its output sink, its time limit and the outcome it completes once
 * Commons Exec reports the end (shell exited and both pumps drained or gave up).
 */
final class ShellProcess implements RunningProcess, ExecuteResultHandler {

  private final LaunchCapture capture;
  private final OutputSink sink;
  private final Optional<Path> kill;
  private final Duration grace;
  private final Optional<ProcStat> proc;
  private final long forksBeforeLaunch;
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<ProcessOutcome> outcome = new CompletableFuture<>();
  private final Consumer<ShellProcess> onEnd;
  private volatile boolean timedOut;
  private volatile Optional<ScheduledFuture<?>> deadline = Optional.empty();
  private Optional<ProcessTree> tree = Optional.empty();

  ShellProcess(
      LaunchCapture capture,
      OutputSink sink,
      Optional<Path> kill,
      Duration grace,
      Optional<ProcStat> proc,
      long forksBeforeLaunch,
      Consumer<ShellProcess> onEnd) {
    this.capture = capture;
    this.sink = sink;
    this.kill = kill;
    this.grace = grace;
    this.proc = proc;
    this.forksBeforeLaunch = forksBeforeLaunch;
    this.onEnd = onEnd;
  }

  /**
   * Arms the time limit, if there is one: when it passes with the shell still running, the tree is
   * ended and the outcome says timed out.
   */
  void armTimeout(Process process, Optional<Duration> timeout) {
    timeout.ifPresent(
        limit -> {
          deadline =
              Optional.of(
                  SharedThreads.TIMER.schedule(
                      () -> expire(process), limit.toNanos(), TimeUnit.NANOSECONDS));
          // A quick command may have finished before its limit was armed; finish() found none.
          if (outcome.isDone()) {
            deadline.get().cancel(false);
          }
        });
  }

  private void expire(Process process) {
    if (process.isAlive()) {
      timedOut = true;
      // Ending takes up to the grace period and more: keep the timer free for other limits.
      SharedThreads.WORKERS.execute(this::endTree);
    }
  }

  /** Ends the tree; safe to call before launch (no-op) and more than once. */
  void endTree() {
    tree().ifPresent(ProcessTree::end);
  }

  /** Runs between the shell's exit and the end of output pumping. */
  void endLeftovers() {
    tree().ifPresent(ProcessTree::endLeftovers);
  }

  /**
   * The tree, once Commons Exec has handed over the process; built lazily here because a short
   * command can exit, and its leftovers be ended, before the starting thread returns.
   */
  private synchronized Optional<ProcessTree> tree() {
    CompletableFuture<Process> launched = capture.launched();
    if (tree.isEmpty() && launched.isDone() && !launched.isCompletedExceptionally()) {
      tree = Optional.of(new ProcessTree(launched.join(), kill, grace, proc, forksBeforeLaunch));
    }
    return tree;
  }

  @Override
  public long pid() {
    return capture.launched().join().pid();
  }

  @Override
  public boolean isAlive() {
    return !outcome.isDone();
  }

  @Override
  public ProcessOutcome await() {
    try {
      return outcome.get();
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
      return outcome.join();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the process outcome failed", e.getCause());
    }
  }

  @Override
  public void stop() {
    if (outcome.isDone()) {
      return;
    }
    endTree();
    outcome.join();
  }

  @Override
  public void onProcessComplete(int exitValue) {
    finish();
  }

  @Override
  public void onProcessFailed(ExecuteException e) {
    // Launch failures end here before any process exists; start() reports them.
    if (!capture.launched().isDone()) {
      capture.launched().completeExceptionally(e.getCause() != null ? e.getCause() : e);
      sink.close();
      outcome.completeExceptionally(e);
      deadline.ifPresent(limit -> limit.cancel(false));
      onEnd.accept(this);
      return;
    }
    // Otherwise the pumps gave up on a pipe still held open: the shell's exit code stands.
    finish();
  }

  private void finish() {
    Process process = capture.launched().join();
    int exit;
    try {
      exit = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = process.isAlive() ? -1 : process.exitValue();
    }
    sink.close();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    outcome.complete(new ProcessOutcome(exit, timedOut, elapsed, sink.tail(), process.pid()));
    deadline.ifPresent(limit -> limit.cancel(false));
    onEnd.accept(this);
  }
}
