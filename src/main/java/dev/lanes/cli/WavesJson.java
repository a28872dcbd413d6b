package dev.lanes.cli;

import dev.lanes.analysis.Conflict;
import dev.lanes.analysis.LaneWave;
import dev.lanes.analysis.WavePlan;
import dev.lanes.plan.LaneId;
import dev.lanes.scope.Glob;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code lanes waves --json} record. */
record WavesJson(
    List<List<String>> waves, List<WavesJson.Lane> lanes, List<String> hotspots, boolean optimal) {

  /** One lane; {@code conflictsWith} holds every lane of its conflicts, in plan order. */
  record Lane(
      String id,
      List<String> scope,
      List<String> outOfScope,
      int wave,
      List<String> dependsOn,
      List<String> conflictsWith,
      List<LaneConflict> conflicts,
      boolean hotspot,
      int trackedFiles) {}

  record LaneConflict(List<String> lanes, String reason, int sharedTrackedFiles) {}

  static WavesJson of(WavePlan plan) {
    Map<LaneId, Integer> position = new HashMap<>();
    plan.lanes().forEach(l -> position.put(l.id(), position.size()));
    return new WavesJson(
        plan.waves().stream().map(WavesJson::ids).toList(),
        plan.lanes().stream().map(l -> lane(l, position)).toList(),
        plan.hotspots(),
        plan.optimal());
  }

  private static Lane lane(LaneWave lane, Map<LaneId, Integer> position) {
    List<LaneId> with =
        lane.conflicts().stream()
            .flatMap(c -> c.others(lane.id()).stream())
            .distinct()
            .sorted(Comparator.comparing(position::get))
            .toList();
    return new Lane(
        lane.id().value(),
        lane.scope().include().stream().map(Glob::text).toList(),
        lane.scope().exclude().stream().map(Glob::text).toList(),
        lane.wave(),
        ids(lane.dependsOn()),
        ids(with),
        lane.conflicts().stream().map(c -> conflict(lane.id(), c)).toList(),
        lane.hotspot(),
        lane.trackedFiles());
  }

  private static LaneConflict conflict(LaneId self, Conflict c) {
    return new LaneConflict(ids(c.others(self)), c.reason(), c.sharedTrackedFiles());
  }

  private static List<String> ids(List<LaneId> ids) {
    return ids.stream().map(LaneId::value).toList();
  }
}
