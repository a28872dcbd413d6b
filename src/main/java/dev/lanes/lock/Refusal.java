package dev.lanes.lock;

import dev.lanes.error.ExitCode;

/** Why the lock registry refused an operation, and the exit code a command reports for it. */
public enum Refusal {
  /** Acquire: the lane already holds a live lock. */
  LANE_LOCKED(ExitCode.BUSY),
  /** Acquire: the lane still has a stale lock, which must be reclaimed first. */
  LANE_STALE(ExitCode.BUSY),
  /** Acquire: the scope overlaps another lane's live lock. */
  OVERLAPS_LIVE(ExitCode.BUSY),
  /** Acquire: the scope overlaps another lane's stale lock, which must be reclaimed first. */
  OVERLAPS_STALE(ExitCode.BUSY),
  /** Heartbeat or release: the lock was released or reclaimed, so its holder is fenced out. */
  FENCED_OUT(ExitCode.WORK_FAILED),
  /** Heartbeat: the lock expired; its holder must stop, and only reclaim takes it back. */
  EXPIRED(ExitCode.WORK_FAILED),
  /** Reclaim: no lock by that id (or lane) in the table. */
  UNKNOWN_LOCK(ExitCode.BAD_INPUT),
  /** Reclaim: the lock is still live; only a stale lock can be reclaimed. */
  STILL_LIVE(ExitCode.BUSY);

  private final ExitCode exitCode;

  Refusal(ExitCode exitCode) {
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
