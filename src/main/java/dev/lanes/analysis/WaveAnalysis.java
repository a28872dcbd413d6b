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
import dev.lanes.scope.Overlap;
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
    List<List<Conflict>> conflicts = new ArrayList<>();
    for (int i = 0; i < lanes.size(); i++) {
      conflicts.add(new ArrayList<>());
    }
    BitSet[] overlapping = new BitSet[lanes.size()];
    for (int i = 0; i < lanes.size(); i++) {
      overlapping[i] = new BitSet();
    }
    for (Overlap o : scopeIndex.overlaps()) {
      problem.conflict(o.a(), o.b());
      overlapping[o.a()].set(o.b());
      overlapping[o.b()].set(o.a());
      conflicts
          .get(o.a())
          .add(new Conflict(lanes.get(o.b()).id(), o.sharedTrackedFiles(), o.example(), false));
      conflicts
          .get(o.b())
          .add(new Conflict(lanes.get(o.a()).id(), o.sharedTrackedFiles(), o.example(), false));
    }
    // Lanes touching a hotspot go one per wave (contract section 4).
    for (int a = hot.nextSetBit(0); a >= 0; a = hot.nextSetBit(a + 1)) {
      for (int b = hot.nextSetBit(a + 1); b >= 0; b = hot.nextSetBit(b + 1)) {
        if (!overlapping[a].get(b)) {
          problem.conflict(a, b);
          conflicts.get(a).add(new Conflict(lanes.get(b).id(), 0, "", true));
          conflicts.get(b).add(new Conflict(lanes.get(a).id(), 0, "", true));
        }
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
      mine.sort((x, y) -> Integer.compare(index.get(x.other()), index.get(y.other())));
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

  /** The lane's scope as globs: {@code scope} minus {@code out-of-scope}. */
  public static Scope scopeOf(Lane lane) {
    return new Scope(
        lane.scope().stream().map(g -> Glob.of(g.value())).toList(),
        lane.outOfScope().stream().map(g -> Glob.of(g.value())).toList());
  }
}
