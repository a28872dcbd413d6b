package dev.lanes.schedule;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertion that a schedule obeys the rules a user of {@code lanes waves} relies on. */
final class ScheduleAssert extends AbstractAssert<ScheduleAssert, Schedule> {

  private ScheduleAssert(Schedule actual) {
    super(actual, ScheduleAssert.class);
  }

  static ScheduleAssert assertThat(Schedule actual) {
    return new ScheduleAssert(actual);
  }

  /**
   * Every lane has a wave in 1..k, waves are numbered 1..k and none is empty, each wave lists its
   * lanes in ascending order, no wave holds two conflicting lanes, and every lane comes strictly
   * after each lane it depends on.
   */
  ScheduleAssert isValidFor(SchedulingProblem problem) {
    isNotNull();
    int[] waveOf = actual.waveOf();
    List<List<Integer>> waves = actual.waves();
    int k = waves.size();
    if (waveOf.length != problem.size()) {
      failWithMessage("expected %d lanes but schedule has %d", problem.size(), waveOf.length);
    }
    for (int w = 0; w < k; w++) {
      List<Integer> wave = waves.get(w);
      if (wave.isEmpty()) {
        failWithMessage("wave %d is empty in %s", w + 1, actual);
      }
      List<Integer> sorted = new ArrayList<>(wave);
      sorted.sort(null);
      if (!sorted.equals(wave)) {
        failWithMessage("wave %d is not ascending: %s", w + 1, wave);
      }
      for (int lane : wave) {
        if (waveOf[lane] != w + 1) {
          failWithMessage(
              "lane %d listed in wave %d but waveOf says %d", lane, w + 1, waveOf[lane]);
        }
      }
    }
    List<BitSet> conflicts = problem.conflicts();
    List<BitSet> dependsOn = problem.dependsOn();
    for (int lane = 0; lane < waveOf.length; lane++) {
      if (waveOf[lane] < 1 || waveOf[lane] > k) {
        failWithMessage("lane %d has wave %d outside 1..%d", lane, waveOf[lane], k);
      }
      BitSet c = conflicts.get(lane);
      for (int other = c.nextSetBit(0); other >= 0; other = c.nextSetBit(other + 1)) {
        if (waveOf[other] == waveOf[lane]) {
          failWithMessage(
              "conflicting lanes %d and %d share wave %d in %s", lane, other, waveOf[lane], actual);
        }
      }
      BitSet d = dependsOn.get(lane);
      for (int on = d.nextSetBit(0); on >= 0; on = d.nextSetBit(on + 1)) {
        if (waveOf[on] >= waveOf[lane]) {
          failWithMessage(
              "lane %d (wave %d) depends on lane %d (wave %d) in %s",
              lane, waveOf[lane], on, waveOf[on], actual);
        }
      }
    }
    return this;
  }

  ScheduleAssert hasWaveCount(int expected) {
    isNotNull();
    if (actual.waveCount() != expected) {
      failWithMessage("expected %d waves but got %d: %s", expected, actual.waveCount(), actual);
    }
    return this;
  }

  ScheduleAssert isProvenOptimal() {
    isNotNull();
    if (!actual.optimal()) {
      failWithMessage("expected the wave count to be proven optimal: %s", actual);
    }
    return this;
  }
}
