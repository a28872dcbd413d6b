package dev.lanes.schedule;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Places lanes in as few waves as it can, exactly for small components and by DSatur-style first
 * fit for large ones, and says whether the count is proven minimal.
 *
 * <p><b>Algorithm.</b> (1) Split the lanes into connected components of conflicts plus
 * dependencies; components share nothing, so each is scheduled on its own from wave 1 and the
 * schedule needs as many waves as its longest component. (2) Give every component an upper bound
 * with two first-fit heuristics ({@code GreedyWaves}: DSatur adapted to precedence, and first fit
 * by longest dependency chain) and keep the better, DSatur on a tie. (3) Give every component a
 * lower bound: its longest dependency chain, or a greedily found clique of mutually incompatible
 * lanes, whichever is larger; the largest of these, {@code L}, bounds the whole schedule. (4) Visit
 * the components of at most 20 lanes whose upper bound exceeds both their own lower bound and
 * {@code L}, longest first, and run {@code ExactWaveSearch} on each (iterative deepening over
 * maximal independent sets of ready lanes) within a work budget per component and overall; each
 * completed search replaces the heuristic's waves if it found fewer and raises {@code L} to the
 * proven optimum. A component whose heuristic count is at most {@code L} cannot lengthen the
 * schedule, so it is not searched.
 *
 * <p><b>Invariants.</b> Every lane is in a wave strictly after each lane it depends on; no two
 * conflicting lanes share a wave; waves run 1..k with none empty, each listing its lanes in
 * ascending order; {@code optimal} holds exactly when {@code k <= L}, and {@code L} is always a
 * true lower bound, so {@code optimal} is never claimed wrongly. The result depends only on the
 * problem: ties break by lane index, hash maps are only looked up, and there is no randomness.
 */
public final class WaveScheduler {
  /**
   * Work units for one component's exact search; a unit is one state or one independent set and
   * costs about a microsecond. The hardest of thousands of random components of 20 lanes needed
   * under 20,000.
   */
  static final long COMPONENT_BUDGET = 50_000;

  /**
   * Work units for all exact searches of one problem, so that a plan with many hard components
   * still schedules in about a tenth of a second.
   */
  static final long TOTAL_BUDGET = 100_000;

  private WaveScheduler() {}

  public static Schedule schedule(SchedulingProblem problem) {
    return schedule(problem, COMPONENT_BUDGET, TOTAL_BUDGET);
  }

  /** As {@link #schedule(SchedulingProblem)} with explicit budgets, so tests can exhaust them. */
  static Schedule schedule(SchedulingProblem problem, long componentBudget, long totalBudget) {
    LaneGraph g = new LaneGraph(problem);
    int n = g.size;
    if (n == 0) {
      return Schedule.of(new int[0], true);
    }
    List<int[]> components = g.components;
    BitSet cliques = cliques(g);
    int[] byDsatur = GreedyWaves.dsatur(g, cliques);
    int[] byChain = GreedyWaves.longestChainFirst(g, cliques);
    int[] waveOf = new int[n];
    int[] upper = new int[components.size()];
    for (int c = 0; c < components.size(); c++) {
      int[] lanes = components.get(c);
      if (cliques.get(lanes[0])) {
        for (int k = 0; k < lanes.length; k++) {
          waveOf[lanes[k]] = k + 1;
        }
        upper[c] = lanes.length;
        continue;
      }
      int[] pick = waveCount(byDsatur, lanes) <= waveCount(byChain, lanes) ? byDsatur : byChain;
      for (int lane : lanes) {
        waveOf[lane] = pick[lane];
      }
      upper[c] = waveCount(pick, lanes);
    }
    int[] lower = g.componentLowerBounds();
    int bound = 0;
    for (int b : lower) {
      bound = Math.max(bound, b);
    }

    List<Integer> searchOrder = new ArrayList<>();
    for (int c = 0; c < components.size(); c++) {
      if (components.get(c).length <= ExactWaveSearch.MAX_LANES && upper[c] > lower[c]) {
        searchOrder.add(c);
      }
    }
    searchOrder.sort(Comparator.<Integer>comparingInt(c -> -upper[c]).thenComparingInt(c -> c));
    long budgetLeft = totalBudget;
    for (int c : searchOrder) {
      if (upper[c] <= bound || budgetLeft <= 0) {
        continue;
      }
      int[] lanes = components.get(c);
      long budget = Math.min(budgetLeft, componentBudget);
      ExactWaveSearch.Outcome outcome = searchComponent(g, lanes, lower[c], upper[c], budget);
      budgetLeft -= budget - outcome.budgetLeft();
      if (outcome.waveOf().isPresent()) {
        int[] local = outcome.waveOf().get();
        for (int i = 0; i < lanes.length; i++) {
          waveOf[lanes[i]] = local[i];
        }
        upper[c] = waveCount(waveOf, lanes);
      }
      if (outcome.proven()) {
        bound = Math.max(bound, upper[c]);
      }
    }

    int waves = 0;
    for (int u : upper) {
      waves = Math.max(waves, u);
    }
    return Schedule.of(waveOf, waves <= bound);
  }

  /**
   * The lanes of components in which every lane conflicts with every other and none depends on
   * another, such as many lanes with one scope. Such a component needs one wave per lane, and one
   * lane per wave in index order is optimal, so the heuristics, whose work grows with the square of
   * a dense component, never see it (the clique lower bound proves it optimal).
   */
  private static BitSet cliques(LaneGraph g) {
    BitSet out = new BitSet(g.size);
    for (int[] lanes : g.components) {
      boolean clique = lanes.length > 1;
      for (int k = 0; k < lanes.length && clique; k++) {
        int v = lanes[k];
        clique =
            g.degree[v] == lanes.length - 1
                && g.dependsOn[v].isEmpty()
                && g.dependents[v].isEmpty();
      }
      if (clique) {
        for (int v : lanes) {
          out.set(v);
        }
      }
    }
    return out;
  }

  private static ExactWaveSearch.Outcome searchComponent(
      LaneGraph g, int[] lanes, int lower, int upper, long budget) {
    int m = lanes.length;
    int[] localOf = new int[g.size];
    for (int i = 0; i < m; i++) {
      localOf[lanes[i]] = i;
    }
    BitSet[] incompat = g.incompatible();
    long[] conflicts = new long[m];
    long[] dependsOn = new long[m];
    long[] incompatible = new long[m];
    int[] tail = new int[m];
    for (int i = 0; i < m; i++) {
      int v = lanes[i];
      conflicts[i] = localMask(g.conflicts[v], localOf);
      dependsOn[i] = localMask(g.dependsOn[v], localOf);
      incompatible[i] = localMask(incompat[v], localOf);
      tail[i] = g.tail[v];
    }
    return ExactWaveSearch.solve(conflicts, dependsOn, incompatible, tail, lower, upper, budget);
  }

  /** Every lane in {@code set} is in the same component, so each has a local index. */
  private static long localMask(BitSet set, int[] localOf) {
    long mask = 0;
    for (int j = set.nextSetBit(0); j >= 0; j = set.nextSetBit(j + 1)) {
      mask |= 1L << localOf[j];
    }
    return mask;
  }

  private static int waveCount(int[] waveOf, int[] lanes) {
    int k = 0;
    for (int lane : lanes) {
      k = Math.max(k, waveOf[lane]);
    }
    return k;
  }
}
