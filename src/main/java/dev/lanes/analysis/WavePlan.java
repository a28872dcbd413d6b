package dev.lanes.analysis;

import dev.lanes.plan.LaneId;
import java.util.List;
import java.util.Optional;

/**
 * The lanes of a plan placed into waves.
 *
 * @param waves lane ids per wave, wave 1 first
 * @param hotspots AGENTS.md's hotspot globs
 * @param optimal whether the scheduler proved the number of waves minimal
 */
public record WavePlan(
    List<LaneWave> lanes, List<List<LaneId>> waves, List<String> hotspots, boolean optimal) {

  public Optional<LaneWave> lane(LaneId id) {
    return lanes.stream().filter(l -> l.id().equals(id)).findFirst();
  }
}
