package dev.lanes.schedule;

import static dev.lanes.schedule.ScheduleAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaveSchedulerPropertyTest {

  @Test
  void randomProblemsGetValidDeterministicSchedules() {
    qt().withExamples(600)
        .withShrinkCycles(200)
        .forAll(RandomProblems.upTo(60))
        .checkAssert(
            problem -> {
              Schedule first = WaveScheduler.schedule(problem);
              assertThat(first).isValidFor(problem);
              Schedule again = WaveScheduler.schedule(problem);
              assertThat(again).isEqualTo(first);
              assertThat(again.hashCode()).isEqualTo(first.hashCode());
            });
  }

  @Test
  void smallProblemsGetTheBruteForceOptimumAndSaySo() {
    qt().withExamples(1000)
        .withShrinkCycles(200)
        .forAll(RandomProblems.upTo(8))
        .checkAssert(
            problem -> {
              Schedule schedule = WaveScheduler.schedule(problem);
              assertThat(schedule)
                  .isValidFor(problem)
                  .hasWaveCount(bruteForceOptimum(problem))
                  .isProvenOptimal();
            });
  }

  @Test
  void mediumProblemsNeverClaimAnOptimumBelowTheBruteForceOne() {
    qt().withExamples(200)
        .withShrinkCycles(100)
        .forAll(RandomProblems.upTo(10))
        .checkAssert(
            problem -> {
              Schedule schedule = WaveScheduler.schedule(problem);
              int optimum = bruteForceOptimum(problem);
              assertThat(schedule).isValidFor(problem);
              assertThat(schedule.waveCount()).isGreaterThanOrEqualTo(optimum);
              if (schedule.optimal()) {
                assertThat(schedule).hasWaveCount(optimum);
              }
            });
  }

  @Test
  void exactSearchNeverDoesWorseThanTheHeuristics() {
    qt().withExamples(300)
        .withShrinkCycles(100)
        .forAll(RandomProblems.upTo(ExactWaveSearch.MAX_LANES))
        .checkAssert(
            problem -> {
              LaneGraph graph = new LaneGraph(problem);
              int heuristic =
                  Math.min(
                      Arrays.stream(GreedyWaves.dsatur(graph)).max().orElse(0),
                      Arrays.stream(GreedyWaves.longestChainFirst(graph)).max().orElse(0));
              Schedule schedule = WaveScheduler.schedule(problem);
              assertThat(schedule).isValidFor(problem);
              assertThat(schedule.waveCount()).isLessThanOrEqualTo(heuristic);
            });
  }

  /**
   * The least k for which some assignment of waves 1..k to the lanes is valid, found by trying
   * every assignment (abandoning a partial one as soon as two assigned lanes clash).
   */
  static int bruteForceOptimum(SchedulingProblem problem) {
    int n = problem.size();
    List<BitSet> conflicts = problem.conflicts();
    List<BitSet> deps = problem.dependsOn();
    for (int k = 0; ; k++) {
      if (assignable(0, new int[n], k, conflicts, deps)) {
        return k;
      }
    }
  }

  private static boolean assignable(
      int lane, int[] wave, int k, List<BitSet> conflicts, List<BitSet> deps) {
    if (lane == wave.length) {
      return true;
    }
    for (int w = 1; w <= k; w++) {
      boolean fits = true;
      for (int other = 0; other < lane && fits; other++) {
        fits =
            !(conflicts.get(lane).get(other) && wave[other] == w)
                && !(deps.get(lane).get(other) && wave[other] >= w)
                && !(deps.get(other).get(lane) && wave[other] <= w);
      }
      if (fits) {
        wave[lane] = w;
        if (assignable(lane + 1, wave, k, conflicts, deps)) {
          return true;
        }
      }
    }
    wave[lane] = 0;
    return false;
  }
}
