package dev.lanes.integrate;

import java.util.List;
import java.util.Optional;

/**
 * The end of an integration: each lane's outcome in queue order, and where the target branch was
 * and is now (the same when nothing landed).
 */
public record IntegrateReport(
    String target, Optional<String> from, Optional<String> to, List<LaneOutcome> lanes) {

  public IntegrateReport {
    lanes = List.copyOf(lanes);
  }

  /** True when every queued lane landed (or there was nothing to do). */
  public boolean allLanded() {
    return lanes.stream().allMatch(LaneOutcome::landed);
  }
}
