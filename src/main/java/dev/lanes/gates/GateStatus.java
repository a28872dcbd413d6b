package dev.lanes.gates;

/** How one gate of a ladder ended. */
public enum GateStatus {
  PASSED,
  FAILED,
  TIMED_OUT,
  SKIPPED;

  /** Whether this status stops the ladder and fails the checked change. */
  public boolean isFailure() {
    return this == FAILED || this == TIMED_OUT;
  }

  /** The word of the commit trailer: {@code pass}, {@code fail}, {@code timeout}, {@code skip}. */
  public String word() {
    return switch (this) {
      case PASSED -> "pass";
      case FAILED -> "fail";
      case TIMED_OUT -> "timeout";
      case SKIPPED -> "skip";
    };
  }
}
