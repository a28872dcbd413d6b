package dev.lanes.process;

import java.util.concurrent.CompletableFuture;
import org.apache.commons.exec.ProcessDestroyer;

/**
 * Catches the {@link Process} Commons Exec launches, which it otherwise keeps to itself; the
 * executor hands it over right after launch, before waiting for it.
 */
final class LaunchCapture implements ProcessDestroyer {

  private final CompletableFuture<Process> launched = new CompletableFuture<>();

  CompletableFuture<Process> launched() {
    return launched;
  }

  @Override
  public boolean add(Process process) {
    return launched.complete(process);
  }

  @Override
  public boolean remove(Process process) {
    return true;
  }

  @Override
  public int size() {
    return launched.isDone() ? 1 : 0;
  }
}
