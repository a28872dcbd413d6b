package dev.lanes.schedule;

import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.quicktheories.core.Gen;

/**
 * Random scheduling problems: conflicts at a drawn density, dependencies drawn only from a higher
 * to a lower index (so acyclic), then the lane indices shuffled so dependencies point both ways.
 */
final class RandomProblems {
  private RandomProblems() {}

  /** Problems of 0..maxLanes lanes with conflict density 0..100% and dependency density 0..30%. */
  static Gen<SchedulingProblem> upTo(int maxLanes) {
    Gen<Integer> sizes = integers().between(0, maxLanes);
    Gen<Integer> percents = integers().between(0, 99);
    Gen<Integer> conflictDensities = integers().between(0, 100);
    Gen<Integer> dependencyDensities = integers().between(0, 30);
    Gen<Integer> flips = integers().between(0, 1);
    Gen<SchedulingProblem> gen =
        in -> {
          int n = sizes.generate(in);
          int conflictDensity = conflictDensities.generate(in);
          int dependencyDensity = dependencyDensities.generate(in);
          boolean shuffle = flips.generate(in) == 1;
          int[] label = new int[n];
          for (int i = 0; i < n; i++) {
            label[i] = i;
          }
          if (shuffle) {
            for (int i = n - 1; i > 0; i--) {
              int j = integers().between(0, i).generate(in);
              int t = label[i];
              label[i] = label[j];
              label[j] = t;
            }
          }
          SchedulingProblem.Builder b = SchedulingProblem.builder(n);
          for (int hi = 0; hi < n; hi++) {
            for (int lo = 0; lo < hi; lo++) {
              if (percents.generate(in) < conflictDensity) {
                b.conflict(label[hi], label[lo]);
              }
              if (percents.generate(in) < dependencyDensity) {
                b.dependsOn(label[hi], label[lo]);
              }
            }
          }
          return b.build();
        };
    return gen.describedAs(RandomProblems::describe);
  }

  /** A seeded problem of {@code n} lanes with about {@code edges} conflicts and some chains. */
  static SchedulingProblem large(long seed, int n, int edges, int chains, int chainLength) {
    Random random = new Random(seed);
    SchedulingProblem.Builder b = SchedulingProblem.builder(n);
    for (int e = 0; e < edges; e++) {
      int x = random.nextInt(n);
      int y = random.nextInt(n);
      if (x != y) {
        b.conflict(x, y);
      }
    }
    for (int c = 0; c < chains; c++) {
      int previous = random.nextInt(n);
      for (int step = 1; step < chainLength; step++) {
        int next = random.nextInt(n);
        // Only point from a higher to a lower index, so no cycle can form.
        if (next > previous) {
          b.dependsOn(next, previous);
          previous = next;
        }
      }
    }
    return b.build();
  }

  static String describe(SchedulingProblem p) {
    List<String> parts = new ArrayList<>();
    List<BitSet> conflicts = p.conflicts();
    List<BitSet> deps = p.dependsOn();
    for (int i = 0; i < p.size(); i++) {
      BitSet later = conflicts.get(i).get(i + 1, Math.max(i + 1, p.size()));
      for (int j = later.nextSetBit(0); j >= 0; j = later.nextSetBit(j + 1)) {
        parts.add(".conflict(" + i + ", " + (i + 1 + j) + ")");
      }
      BitSet d = deps.get(i);
      for (int j = d.nextSetBit(0); j >= 0; j = d.nextSetBit(j + 1)) {
        parts.add(".dependsOn(" + i + ", " + j + ")");
      }
    }
    return "builder(" + p.size() + ")" + String.join("", parts);
  }
}
