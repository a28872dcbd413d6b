package dev.lanes.port;

/** A handle on a started process, so several can run in parallel and be stopped. */
public interface RunningProcess {

  /** The id of the shell process (with process groups, also the group id). */
  long pid();

  /** True until the process has ended and its output has been read to the end. */
  boolean isAlive();

  /**
   * Blocks until the process ends and returns its outcome. If the waiting thread is interrupted,
   * the process tree is stopped first and the interrupt flag stays set.
   */
  ProcessOutcome await();

  /**
   * Ends the whole process tree now (TERM, a short grace, then KILL) and returns once it is gone;
   * {@link #await()} then returns at once. Calling it on an ended process does nothing.
   */
  void stop();
}
