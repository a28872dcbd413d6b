package dev.lanes.analysis;

import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.Located;
import dev.lanes.plan.Plan;
import dev.lanes.policy.Policy;
import dev.lanes.schedule.Schedule;
import dev.lanes.schedule.SchedulingProblem;
import dev.lanes.schedule.WaveScheduler;
import dev.lanes.scope.Glob;
import dev.lanes.scope.GroupOverlap;
import dev.lanes.scope.Scope;
import dev.lanes.scope.ScopeIndex;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The waves use case: effective scopes from the plan, overlaps from the scope engine (tracked files
 * and the globs themselves), hotspots from the policy, then the scheduler. Reads only.
 */
public final class WaveAnalysis {
  private WaveAnalysis() {}

  /** Places every lane of a checked plan; the plan must have passed {@code PlanChecks}. */
  public static WavePlan analyze(Plan plan, Policy policy, List<String> trackedFiles) {
    List<Lane> lanes = plan.lanes();
    List<Scope> scopes = new ArrayList<>(lanes.size());
    Map<LaneId, Integer> index = new HashMap<>();
    for (int i = 0; i < lanes.size(); i++) {
      Lane lane = lanes.get(i);
      scopes.add(scopeOf(lane));
      index.put(lane.id(), i);
    }
    ScopeIndex scopeIndex = ScopeIndex.build(scopes, trackedFiles);

    List<String> hotspotTexts = policy.hotspots();
    List<Glob> hotspots = hotspotTexts.stream().map(Glob::of).toList();
    BitSet hot = hotspots.isEmpty() ? new BitSet() : scopeIndex.touching(hotspots);

    SchedulingProblem.Builder problem = SchedulingProblem.builder(lanes.size());
    // Conflicts go by group of identical scopes: each group's lanes share one Conflict per group
    // they meet, and the scheduler gets whole rows, never one call per pair of lanes.
    int groups = scopeIndex.groups();
    List<List<LaneId>> groupIds = new ArrayList<>(groups);
    BitSet[] groupLanes = new BitSet[groups];
    for (int g = 0; g < groups; g++) {
      groupLanes[g] = new BitSet(lanes.size());
      List<LaneId> ids = new ArrayList<>();
      for (int m : scopeIndex.members(g)) {
        groupLanes[g].set(m);
        ids.add(lanes.get(m).id());
      }
      groupIds.add(List.copyOf(ids));
    }
    List<List<Conflict>> conflicts = new ArrayList<>();
    for (int i = 0; i < lanes.size(); i++) {
      conflicts.add(new ArrayList<>());
    }
    for (GroupOverlap o : scopeIndex.groupOverlaps()) {
      add(o.a(), o.b(), o, groupIds, groupLanes, scopeIndex, problem, conflicts);
      if (o.a() != o.b()) {
        add(o.b(), o.a(), o, groupIds, groupLanes, scopeIndex, problem, conflicts);
      }
    }
    // Lanes touching a hotspot go one per wave (contract section 4).
    if (hot.cardinality() > 1) {
      Conflict hotspot =
          new Conflict(hot.stream().mapToObj(i -> lanes.get(i).id()).toList(), 0, "", true);
      for (int a = hot.nextSetBit(0); a >= 0; a = hot.nextSetBit(a + 1)) {
        problem.conflicts(a, hot);
        conflicts.get(a).add(hotspot);
      }
    }
    List<List<LaneId>> dependsOn = new ArrayList<>();
    for (int i = 0; i < lanes.size(); i++) {
      List<LaneId> deps = new ArrayList<>();
      for (Located<String> dep : lanes.get(i).dependsOn()) {
        Integer on = index.get(new LaneId(dep.value()));
        if (on != null && !deps.contains(lanes.get(on).id())) {
          problem.dependsOn(i, on);
          deps.add(lanes.get(on).id());
        }
      }
      dependsOn.add(List.copyOf(deps));
    }

    Schedule schedule = WaveScheduler.schedule(problem.build());
    List<LaneWave> placed = new ArrayList<>(lanes.size());
    for (int i = 0; i < lanes.size(); i++) {
      List<Conflict> mine = new ArrayList<>(conflicts.get(i));
      mine.sort(
          java.util.Comparator.comparing((Conflict c) -> c.hotspotOnly())
              .thenComparingInt(c -> index.get(c.with().get(0))));
      placed.add(
          new LaneWave(
              lanes.get(i),
              scopes.get(i),
              schedule.waveOf(i),
              scopeIndex.files(i).size(),
              dependsOn.get(i),
              List.copyOf(mine),
              hot.get(i)));
    }
    List<List<LaneId>> waves = new ArrayList<>();
    for (List<Integer> wave : schedule.waves()) {
      waves.add(wave.stream().map(i -> lanes.get(i).id()).toList());
    }
    return new WavePlan(List.copyOf(placed), List.copyOf(waves), hotspotTexts, schedule.optimal());
  }

  /** Every lane of group {@code from} conflicts with every lane of group {@code to}. */
  private static void add(
      int from,
      int to,
      GroupOverlap o,
      List<List<LaneId>> groupIds,
      BitSet[] groupLanes,
      ScopeIndex scopeIndex,
      SchedulingProblem.Builder problem,
      List<List<Conflict>> conflicts) {
    Conflict c = new Conflict(groupIds.get(to), o.sharedTrackedFiles(), o.example(), false);
    for (int m : scopeIndex.members(from)) {
      problem.conflicts(m, groupLanes[to]);
      conflicts.get(m).add(c);
    }
  }

  /** The lane's scope as globs: {@code scope} minus {@code out-of-scope}. */
  public static Scope scopeOf(Lane lane) {
    return new Scope(
        lane.scope().stream().map(g -> Glob.of(g.value())).toList(),
        lane.outOfScope().stream().map(g -> Glob.of(g.value())).toList());
  }
}
