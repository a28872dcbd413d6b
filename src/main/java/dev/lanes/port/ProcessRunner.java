package dev.lanes.port;

import java.util.function.Consumer;

/** Runs worker and gate commands through the shell, one output line at a time. */
public interface ProcessRunner {

  /**
   * Starts the command and returns at once. {@code onLine} is called for each line the process
   * writes to stdout or stderr, from a reader thread, in the order each stream produced them.
   *
   * @throws java.io.UncheckedIOException when the shell itself cannot be started or the log file
   *     cannot be opened; a missing working folder or an unknown command is not an exception but an
   *     outcome with a non-zero exit code (127)
   */
  RunningProcess start(ProcessSpec spec, Consumer<String> onLine);

  /** Runs the command and blocks until it ends; see {@link #start}. */
  default ProcessOutcome run(ProcessSpec spec, Consumer<String> onLine) {
    return start(spec, onLine).await();
  }
}
