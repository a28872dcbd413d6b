package dev.lanes.schedule;

import java.util.BitSet;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The two first-fit heuristics that give every component an upper bound: DSatur adapted to
 * precedence, and first fit in order of longest dependency chain.
 *
 * <p>Both run on the whole problem at once. A lane's wave depends only on lanes of its own
 * component, and each selection rule picks, within a component, the same lane it would pick if that
 * component were alone, so the result restricted to a component equals running it there.
 *
 * <p>Invariant of both: a lane is placed only after every lane it depends on, in the lowest wave
 * that is above all of them and not used by a placed conflicting lane. Hence no wave below the
 * highest is ever left empty: wave {@code w - 1} is either held by a dependency or skipped because
 * a conflicting lane holds it.
 */
final class GreedyWaves {
  private GreedyWaves() {}

  /**
   * DSatur with precedence: among lanes whose dependencies are all placed, take the one whose
   * placed conflicting lanes occupy the most distinct waves (saturation), then the one with most
   * conflicts, then the lowest index.
   */
  static int[] dsatur(LaneGraph g) {
    return dsatur(g, new BitSet());
  }

  /** As {@link #dsatur(LaneGraph)}, leaving the lanes of {@code skip} (whole components) at 0. */
  static int[] dsatur(LaneGraph g, BitSet skip) {
    int n = g.size;
    int[] wave = new int[n];
    int[] waiting = new int[n];
    int[] lowest = new int[n];
    int[] saturation = new int[n];
    BitSet[] usedNearby = new BitSet[n];
    BitSet ready = new BitSet(n);
    for (int i = 0; i < n; i++) {
      waiting[i] = g.dependsOn[i].cardinality();
      lowest[i] = 1;
      usedNearby[i] = new BitSet();
      if (waiting[i] == 0 && !skip.get(i)) {
        ready.set(i);
      }
    }
    for (int placed = skip.cardinality(); placed < n; placed++) {
      int v = -1;
      for (int u = ready.nextSetBit(0); u >= 0; u = ready.nextSetBit(u + 1)) {
        if (v < 0
            || saturation[u] > saturation[v]
            || (saturation[u] == saturation[v] && g.degree[u] > g.degree[v])) {
          v = u;
        }
      }
      ready.clear(v);
      int w = usedNearby[v].nextClearBit(lowest[v]);
      wave[v] = w;
      BitSet near = g.conflicts[v];
      for (int u = near.nextSetBit(0); u >= 0; u = near.nextSetBit(u + 1)) {
        if (wave[u] == 0 && !usedNearby[u].get(w)) {
          usedNearby[u].set(w);
          saturation[u]++;
        }
      }
      BitSet after = g.dependents[v];
      for (int u = after.nextSetBit(0); u >= 0; u = after.nextSetBit(u + 1)) {
        lowest[u] = Math.max(lowest[u], w + 1);
        if (--waiting[u] == 0) {
          ready.set(u);
        }
      }
    }
    return wave;
  }

  /**
   * First fit in order of longest chain below (descending), then conflicts (descending), then
   * index. The order is topological: a lane's chain is longer than that of any lane depending on
   * it.
   */
  static int[] longestChainFirst(LaneGraph g) {
    return longestChainFirst(g, new BitSet());
  }

  /** As {@link #longestChainFirst(LaneGraph)}, leaving the lanes of {@code skip} at 0. */
  static int[] longestChainFirst(LaneGraph g, BitSet skip) {
    int n = g.size;
    int[] order =
        IntStream.range(0, n)
            .filter(v -> !skip.get(v))
            .boxed()
            .sorted(
                Comparator.<Integer>comparingInt(v -> -g.tail[v])
                    .thenComparingInt(v -> -g.degree[v])
                    .thenComparingInt(v -> v))
            .mapToInt(Integer::intValue)
            .toArray();
    int[] wave = new int[n];
    BitSet taken = new BitSet();
    for (int v : order) {
      int lowest = 1;
      BitSet deps = g.dependsOn[v];
      for (int d = deps.nextSetBit(0); d >= 0; d = deps.nextSetBit(d + 1)) {
        lowest = Math.max(lowest, wave[d] + 1);
      }
      taken.clear();
      BitSet near = g.conflicts[v];
      for (int u = near.nextSetBit(0); u >= 0; u = near.nextSetBit(u + 1)) {
        if (wave[u] != 0) {
          taken.set(wave[u]);
        }
      }
      wave[v] = taken.nextClearBit(lowest);
    }
    assert IntStream.range(0, n).allMatch(v -> skip.get(v) || wave[v] > 0);
    return wave;
  }
}
