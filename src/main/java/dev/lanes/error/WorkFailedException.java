package dev.lanes.error;

/** The work ran and something in it failed (a gate, a worker, a conflict). Exit 1. */
public final class WorkFailedException extends LanesException {
  public WorkFailedException(String message) {
    super(message);
  }

  public WorkFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.WORK_FAILED;
  }
}
