package dev.lanes.plan;

import java.time.Instant;

/**
 * One row of PLAN.md's Locks table. {@code scope} is the comma-separated glob list as written.
 * Times are whole minutes, UTC.
 */
public record LockRow(
    String lockId,
    String owner,
    String scope,
    String objective,
    Instant start,
    Instant heartbeat,
    Instant expires) {

  public static final java.util.List<String> HEADER =
      java.util.List.of("lock_id", "owner", "scope", "objective", "start", "heartbeat", "expires");

  /** A lock is stale once its {@code expires} time has passed. */
  public boolean isStale(Instant now) {
    return expires.isBefore(now);
  }
}
