package dev.lanes.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The wave (1-based) of every lane, the same assignment as a list of waves each holding its lanes
 * in ascending order, and whether the number of waves is proven minimal.
 *
 * <p>The constructor checks that {@code waveOf} and {@code waves} describe the same assignment and
 * that no wave is empty; the array is copied in and out, and equality compares its contents.
 */
public record Schedule(int[] waveOf, List<List<Integer>> waves, boolean optimal) {

  public Schedule {
    Objects.requireNonNull(waveOf, "waveOf");
    Objects.requireNonNull(waves, "waves");
    waveOf = waveOf.clone();
    List<List<Integer>> copy = new ArrayList<>(waves.size());
    int placed = 0;
    for (int w = 0; w < waves.size(); w++) {
      List<Integer> wave = List.copyOf(waves.get(w));
      if (wave.isEmpty()) {
        throw new IllegalArgumentException("wave " + (w + 1) + " is empty");
      }
      int previous = -1;
      for (int lane : wave) {
        if (lane <= previous || lane >= waveOf.length || waveOf[lane] != w + 1) {
          throw new IllegalArgumentException(
              "wave " + (w + 1) + " does not match waveOf at lane " + lane);
        }
        previous = lane;
      }
      placed += wave.size();
      copy.add(wave);
    }
    if (placed != waveOf.length) {
      throw new IllegalArgumentException(
          "waves hold " + placed + " lanes but waveOf has " + waveOf.length);
    }
    waves = List.copyOf(copy);
  }

  /** Builds the schedule from wave numbers alone; they must cover 1..k with no gap. */
  public static Schedule of(int[] waveOf, boolean optimal) {
    int k = Arrays.stream(waveOf).max().orElse(0);
    List<List<Integer>> waves = new ArrayList<>(k);
    for (int w = 0; w < k; w++) {
      waves.add(new ArrayList<>());
    }
    for (int lane = 0; lane < waveOf.length; lane++) {
      if (waveOf[lane] < 1) {
        throw new IllegalArgumentException("lane " + lane + " has no wave: " + waveOf[lane]);
      }
      waves.get(waveOf[lane] - 1).add(lane);
    }
    return new Schedule(waveOf, waves, optimal);
  }

  /** A copy of the 1-based wave of every lane. */
  @Override
  public int[] waveOf() {
    return waveOf.clone();
  }

  /** The 1-based wave of one lane. */
  public int waveOf(int lane) {
    return waveOf[lane];
  }

  /** How many waves the schedule uses. */
  public int waveCount() {
    return waves.size();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Schedule s
        && optimal == s.optimal
        && Arrays.equals(waveOf, s.waveOf)
        && waves.equals(s.waves);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(waveOf), waves, optimal);
  }

  @Override
  public String toString() {
    return "Schedule[waves=" + waves + ", optimal=" + optimal + "]";
  }
}
