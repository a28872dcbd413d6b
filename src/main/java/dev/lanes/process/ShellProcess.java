package dev.lanes.process;

import dev.lanes.port.ProcessOutcome;
import dev.lanes.port.RunningProcess;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.Watchdog;

/**
 * One started shell: its tree, its output sink, its time limit and the outcome it completes once
 * Commons Exec reports the end (shell exited and both pumps drained or gave up).
 *
 * <p>Commons Exec keeps the {@link Process} it launches to itself, except for handing it to its
 * {@link ProcessDestroyer} right after launch, before waiting for it: so this is the executor's
 * destroyer, which only takes note of the launch.
 */
final class ShellProcess implements RunningProcess, ExecuteResultHandler, ProcessDestroyer {

  private final OutputSink sink;
  private final Function<Process, ProcessTree> treeOf;
  private final Optional<Duration> timeout;
  private final Consumer<ShellProcess> onEnd;
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<ProcessTree> launched = new CompletableFuture<>();
  private final CompletableFuture<ProcessOutcome> outcome = new CompletableFuture<>();
  private volatile boolean timedOut;
  private Optional<Watchdog> limit = Optional.empty();

  ShellProcess(
      OutputSink sink,
      Function<Process, ProcessTree> treeOf,
      Optional<Duration> timeout,
      Consumer<ShellProcess> onEnd) {
    this.sink = sink;
    this.treeOf = treeOf;
    this.timeout = timeout;
    this.onEnd = onEnd;
  }

  /** Commons Exec hands over the shell, then waits for it on the same thread. */
  @Override
  public boolean add(Process shell) {
    launched.complete(treeOf.apply(shell));
    // The time limit: when it passes with the shell still running, the tree is ended and the
    // outcome says timed out. finish() stops it, on this same thread, once the shell has exited.
    limit =
        timeout.map(
            t -> {
              Watchdog dog = Watchdog.builder().setTimeout(t).get();
              dog.addTimeoutObserver(w -> expire());
              dog.start();
              return dog;
            });
    return true;
  }

  @Override
  public boolean remove(Process shell) {
    return true;
  }

  @Override
  public int size() {
    return launched.isDone() ? 1 : 0;
  }

  /** Waits for the launch; throws what made it fail. */
  void awaitLaunch() {
    launched.join();
  }

  private void expire() {
    if (!outcome.isDone() && launched.join().shell().isAlive()) {
      timedOut = true;
      endTree();
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

  private Optional<ProcessTree> tree() {
    return launched.isDone() && !launched.isCompletedExceptionally()
        ? Optional.of(launched.join())
        : Optional.empty();
  }

  @Override
  public long pid() {
    return launched.join().shell().pid();
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
    if (!launched.isDone()) {
      launched.completeExceptionally(e.getCause() != null ? e.getCause() : e);
      sink.close();
      outcome.completeExceptionally(e);
      onEnd.accept(this);
      return;
    }
    // Otherwise the pumps gave up on a pipe still held open: the shell's exit code stands.
    finish();
  }

  private void finish() {
    limit.ifPresent(Watchdog::stop);
    Process process = launched.join().shell();
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
