package dev.lanes.port;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a process ended: the shell's exit code (after a kill when it timed out), whether the time
 * limit ended it, how long it ran, its last output lines and its process id.
 */
public record ProcessOutcome(
    int exitCode, boolean timedOut, Duration elapsed, List<String> outputTail, long pid) {

  /** How many trailing output lines an outcome keeps. */
  public static final int TAIL_LINES = 40;

  public ProcessOutcome {
    Objects.requireNonNull(elapsed, "elapsed");
    outputTail = List.copyOf(outputTail);
  }

  /** True when the process exited 0 on its own, before any time limit. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }
}
