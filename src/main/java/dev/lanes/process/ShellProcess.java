package dev.lanes.process;

import dev.lanes.port.ProcessOutcome;
import dev.lanes.port.RunningProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<ProcessOutcome> outcome = new CompletableFuture<>();
  private final Consumer<ShellProcess> onEnd;
  private volatile boolean timedOut;
  private Optional<ProcessTree> tree = Optional.empty();

  ShellProcess(
      LaunchCapture capture,
      OutputSink sink,
      Optional<Path> kill,
      Duration grace,
      Consumer<ShellProcess> onEnd) {
    this.capture = capture;
    this.sink = sink;
    this.kill = kill;
    this.grace = grace;
    this.onEnd = onEnd;
  }

  /** Starts the watchdog that ends the tree when the time limit passes, if there is one. */
  void armTimeout(Process process, Optional<Duration> timeout) {
    timeout.ifPresent(
        limit -> {
          Thread watchdog =
              new Thread(() -> watch(process, limit), "lanes-timeout-" + process.pid());
          watchdog.setDaemon(true);
          watchdog.start();
        });
  }

  private void watch(Process process, Duration limit) {
    try {
      if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
        timedOut = true;
        endTree();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
      tree = Optional.of(new ProcessTree(launched.join(), kill, grace, ProcStat.system()));
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
    onEnd.accept(this);
  }
}
