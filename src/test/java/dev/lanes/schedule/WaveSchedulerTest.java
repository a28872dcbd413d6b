package dev.lanes.schedule;

import static dev.lanes.schedule.ScheduleAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaveSchedulerTest {

  @Test
  void emptyProblemHasNoWaves() {
    SchedulingProblem problem = SchedulingProblem.builder(0).build();

    Schedule schedule = WaveScheduler.schedule(problem);

    assertThat(schedule.waves()).isEmpty();
    assertThat(schedule.waveOf()).isEmpty();
    assertThat(schedule.optimal()).isTrue();
  }

  @Test
  void independentLanesShareTheFirstWave() {
    Schedule schedule = WaveScheduler.schedule(SchedulingProblem.builder(3).build());

    assertThat(schedule.waves()).containsExactly(List.of(0, 1, 2));
    assertThat(schedule.optimal()).isTrue();
  }

  @Test
  void chainRunsOneLanePerWaveInDependencyOrder() {
    SchedulingProblem problem =
        SchedulingProblem.builder(4).dependsOn(3, 2).dependsOn(1, 0).dependsOn(2, 1).build();

    Schedule schedule = WaveScheduler.schedule(problem);

    assertThat(schedule.waves()).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3));
    assertThat(schedule.waveOf()).containsExactly(1, 2, 3, 4);
    assertThat(schedule).isProvenOptimal();
  }

  @Test
  void cliqueNeedsOneWavePerLane() {
    SchedulingProblem.Builder builder = SchedulingProblem.builder(4);
    for (int a = 0; a < 4; a++) {
      for (int b = a + 1; b < 4; b++) {
        builder.conflict(a, b);
      }
    }
    SchedulingProblem problem = builder.build();

    Schedule schedule = WaveScheduler.schedule(problem);

    assertThat(schedule).isValidFor(problem).hasWaveCount(4).isProvenOptimal();
    assertThat(schedule.waves()).allSatisfy(wave -> assertThat(wave).hasSize(1));
  }

  @Test
  void aLargeCliqueBesideOtherLanesGetsOneWavePerLaneInIndexOrder() {
    // Thousands of lanes with one scope: the clique and the rest, scheduled apart.
    int n = 3000;
    SchedulingProblem.Builder builder = SchedulingProblem.builder(n + 3);
    BitSet clique = new BitSet();
    clique.set(0, n);
    for (int a = 0; a < n; a++) {
      builder.conflicts(a, clique);
    }
    builder.conflict(n, n + 1).dependsOn(n + 2, n + 1);
    SchedulingProblem problem = builder.build();

    Schedule schedule = WaveScheduler.schedule(problem);

    assertThat(schedule).isValidFor(problem).hasWaveCount(n).isProvenOptimal();
    for (int a = 0; a < n; a++) {
      assertThat(schedule.waveOf()[a]).isEqualTo(a + 1);
    }
    assertThat(schedule.waveOf()[n + 2]).isGreaterThan(schedule.waveOf()[n + 1]);
  }

  @Test
  void contractExampleRunsTwoLanesThenTheThird() {
    // The contract's `waves --json` shows [["L-001", "L-002"], ["L-003"]]: here L-003 (lane 2)
    // overlaps L-001's scope and depends on L-002.
    SchedulingProblem problem = SchedulingProblem.builder(3).conflict(2, 0).dependsOn(2, 1).build();

    Schedule schedule = WaveScheduler.schedule(problem);

    assertThat(schedule.waves()).containsExactly(List.of(0, 1), List.of(2));
    assertThat(schedule).isProvenOptimal();
  }

  @Test
  void oddCycleOfFiveNeedsThreeWavesAndTheSearchProvesIt() {
    SchedulingProblem.Builder builder = SchedulingProblem.builder(5);
    for (int i = 0; i < 5; i++) {
      builder.conflict(i, (i + 1) % 5);
    }
    SchedulingProblem problem = builder.build();

    Schedule schedule = WaveScheduler.schedule(problem);

    // The largest clique is an edge, so only the exact search can prove 3 is the minimum.
    assertThat(schedule).isValidFor(problem).hasWaveCount(3).isProvenOptimal();
  }

  @Test
  void beatsFillingWavesInPlanOrderWhenAChainHangsOffTheSecondLane() {
    // Filling each wave in plan order puts lane 0 first and pushes the chain 1 -> 2 -> 3 back
    // a wave (4 waves); starting the chain first needs 3: {1}, {0, 2}, {3}.
    SchedulingProblem problem =
        SchedulingProblem.builder(4).conflict(0, 1).dependsOn(2, 1).dependsOn(3, 2).build();

    Schedule schedule = WaveScheduler.schedule(problem);

    assertThat(schedule.waves()).containsExactly(List.of(1), List.of(0, 2), List.of(3));
    assertThat(schedule).isProvenOptimal();
  }

  @Test
  void beatsFillingWavesInPlanOrderOnACrownGraph() {
    // Lanes 2i and 2j+1 conflict when i != j. Filling waves in plan order pairs 2i with 2i+1
    // and needs 5 waves; all even lanes then all odd lanes need only 2.
    SchedulingProblem.Builder builder = SchedulingProblem.builder(10);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        if (i != j) {
          builder.conflict(2 * i, 2 * j + 1);
        }
      }
    }
    SchedulingProblem problem = builder.build();

    Schedule schedule = WaveScheduler.schedule(problem);

    assertThat(schedule).isValidFor(problem).hasWaveCount(2).isProvenOptimal();
    assertThat(schedule.waves())
        .containsExactlyInAnyOrder(List.of(0, 2, 4, 6, 8), List.of(1, 3, 5, 7, 9));
  }

  @Test
  void separateComponentsEachStartAtTheFirstWave() {
    // Component {0, 1, 2} is a chain; lanes 3 and 4 only conflict with each other.
    SchedulingProblem problem =
        SchedulingProblem.builder(5).dependsOn(1, 0).dependsOn(2, 1).conflict(3, 4).build();

    Schedule schedule = WaveScheduler.schedule(problem);

    assertThat(schedule.waves()).containsExactly(List.of(0, 3), List.of(1, 4), List.of(2));
    assertThat(schedule).isProvenOptimal();
  }

  @Test
  void dependencyCycleIsRejectedNamingItsLanes() {
    SchedulingProblem.Builder builder =
        SchedulingProblem.builder(4).dependsOn(0, 1).dependsOn(1, 2).dependsOn(2, 0);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dependency cycle: lane 0 depends on 1 depends on 2 depends on 0");
  }

  @Test
  void laneDependingOnItselfIsACycle() {
    assertThatThrownBy(() -> SchedulingProblem.builder(2).dependsOn(1, 1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dependency cycle: lane 1 depends on 1");
  }

  @Test
  void selfConflictIsRejected() {
    List<BitSet> conflicts = List.of(new BitSet(), bits(1));
    List<BitSet> deps = List.of(new BitSet(), new BitSet());

    assertThatThrownBy(() -> new SchedulingProblem(2, conflicts, deps))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lane 1 conflicts with itself");
    assertThatThrownBy(() -> SchedulingProblem.builder(2).conflict(0, 0).build())
        .hasMessage("lane 0 conflicts with itself");
  }

  @Test
  void laneOutsideTheProblemIsRejected() {
    assertThatThrownBy(() -> SchedulingProblem.builder(2).dependsOn(0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lane 2 is outside 0..1");
    List<BitSet> conflicts = List.of(bits(5), new BitSet());
    List<BitSet> deps = List.of(new BitSet(), new BitSet());
    assertThatThrownBy(() -> new SchedulingProblem(2, conflicts, deps))
        .hasMessage("lane 0 conflicts with lane 5, outside 0..1");
  }

  @Test
  void oneSidedConflictIsMadeSymmetricAndInputsAreCopied() {
    BitSet zeroConflicts = bits(1);
    SchedulingProblem problem =
        new SchedulingProblem(2, List.of(zeroConflicts, new BitSet()), List.of(bits(), bits()));
    zeroConflicts.clear();
    problem.conflicts().get(0).clear();

    assertThat(problem.conflicts()).containsExactly(bits(1), bits(0));
    assertThat(WaveScheduler.schedule(problem).waves()).containsExactly(List.of(0), List.of(1));
  }

  @Test
  void schedulesCompareByContent() {
    Schedule a = Schedule.of(new int[] {1, 2, 1}, true);
    Schedule b = new Schedule(new int[] {1, 2, 1}, List.of(List.of(0, 2), List.of(1)), true);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Schedule.of(new int[] {1, 2, 1}, false));
    assertThat(a.toString()).isEqualTo("Schedule[waves=[[0, 2], [1]], optimal=true]");
    assertThatThrownBy(() -> new Schedule(new int[] {1, 1}, List.of(List.of(0)), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Schedule.of(new int[] {1, 3}, true)).hasMessage("wave 2 is empty");
  }

  @Test
  void thousandLaneProblemIsScheduledValidly() {
    SchedulingProblem problem = RandomProblems.large(20261122L, 1000, 20_000, 40, 30);

    Schedule schedule = WaveScheduler.schedule(problem);

    assertThat(schedule).isValidFor(problem);
    assertThat(WaveScheduler.schedule(problem)).isEqualTo(schedule);
  }

  @Test
  void manySmallHardComponentsStayValid() {
    // Fifty disjoint 5-cycles with a chain hanging off each: the clique bound is only 2, so an
    // exact search must prove 3 for one component, after which the rest need no search.
    SchedulingProblem.Builder builder = SchedulingProblem.builder(50 * 7);
    for (int c = 0; c < 50; c++) {
      int base = c * 7;
      for (int i = 0; i < 5; i++) {
        builder.conflict(base + i, base + (i + 1) % 5);
      }
      builder.dependsOn(base + 5, base).dependsOn(base + 6, base + 5).conflict(base + 6, base + 2);
    }
    SchedulingProblem problem = builder.build();

    Schedule schedule = WaveScheduler.schedule(problem);

    assertThat(schedule).isValidFor(problem).hasWaveCount(3).isProvenOptimal();
  }

  @Test
  void exhaustedSearchBudgetKeepsTheHeuristicAndClaimsNothing() {
    SchedulingProblem.Builder builder = SchedulingProblem.builder(5);
    for (int i = 0; i < 5; i++) {
      builder.conflict(i, (i + 1) % 5);
    }
    SchedulingProblem problem = builder.build();

    Schedule schedule = WaveScheduler.schedule(problem, 0, 0);

    assertThat(schedule).isValidFor(problem).hasWaveCount(3);
    assertThat(schedule.optimal()).isFalse();
  }

  @Test
  void exactSearchFindsFewerWavesThanTheHeuristicHadAndProvesIt() {
    // Upper bound 4 from a pretend heuristic on C5; the search must find 3 and prove it.
    long[] conflicts = new long[5];
    for (int i = 0; i < 5; i++) {
      int j = (i + 1) % 5;
      conflicts[i] |= 1L << j;
      conflicts[j] |= 1L << i;
    }

    ExactWaveSearch.Outcome outcome =
        ExactWaveSearch.solve(
            conflicts, new long[5], conflicts, new int[] {1, 1, 1, 1, 1}, 2, 4, 1_000);

    assertThat(outcome.proven()).isTrue();
    assertThat(outcome.waveOf())
        .hasValueSatisfying(
            waves -> {
              assertThat(waves).containsOnly(1, 2, 3).contains(1, 2, 3);
              for (int i = 0; i < 5; i++) {
                assertThat(waves[i]).isNotEqualTo(waves[(i + 1) % 5]);
              }
            });
  }

  private static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }
}
