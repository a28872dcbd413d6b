package dev.lanes.error;

/** The process exit codes of the user contract (section 3), and nothing else. */
public enum ExitCode {
  /** Success. */
  OK(0),
  /** The work ran and something in it failed: a gate, a worker, a conflict. */
  WORK_FAILED(1),
  /** Bad usage or bad input, reported as {@code FILE:LINE:COLUMN: message}. */
  BAD_INPUT(2),
  /** Busy: another lanes process is the writer, or a lock is held. */
  BUSY(3),
  /** The bootstrap check of AGENTS.md failed. */
  BOOTSTRAP_FAILED(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
