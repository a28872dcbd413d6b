package dev.lanes.analysis;

import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.scope.Scope;
import java.util.List;

/**
 * One lane as the scheduler placed it.
 *
 * @param trackedFiles how many tracked files its effective scope holds now
 * @param conflicts the lanes it may not share a wave with, and why
 * @param hotspot whether its scope touches one of AGENTS.md's hotspot globs
 */
public record LaneWave(
    Lane lane,
    Scope scope,
    int wave,
    int trackedFiles,
    List<LaneId> dependsOn,
    List<Conflict> conflicts,
    boolean hotspot) {

  public LaneId id() {
    return lane.id();
  }
}
