package dev.lanes.plan;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** One row of PLAN.md's Board table. */
public record BoardRow(
    LaneId lane,
    BoardStatus status,
    OptionalInt wave,
    int attempt,
    String checkpoint,
    Optional<Instant> updated,
    String note) {

  public static final java.util.List<String> HEADER =
      java.util.List.of("lane", "status", "wave", "attempt", "checkpoint", "updated", "note");
}
