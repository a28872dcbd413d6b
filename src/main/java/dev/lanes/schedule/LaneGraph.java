package dev.lanes.schedule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Facts derived once from a {@link SchedulingProblem} and shared by the heuristics, the bounds and
 * the exact search: reverse edges, a topological order, chain lengths, components and the
 * "incompatible" relation (conflict, or one lane transitively depends on the other).
 */
final class LaneGraph {
  final int size;
  final BitSet[] conflicts;
  final BitSet[] dependsOn;
  final BitSet[] dependents;
  final int[] degree;

  /** Every lane after all lanes it depends on. */
  final int[] topologicalOrder;

  /**
   * The number of lanes on the longest chain that starts at a lane and follows its dependents; that
   * many waves are needed from the lane's own wave on, so {@code max tail} bounds the count.
   */
  final int[] tail;

  /** Component lanes in ascending order; components ordered by their lowest lane. */
  final List<int[]> components;

  private BitSet[] incompatible;

  LaneGraph(SchedulingProblem problem) {
    size = problem.size();
    conflicts = new BitSet[size];
    dependsOn = new BitSet[size];
    dependents = new BitSet[size];
    degree = new int[size];
    for (int i = 0; i < size; i++) {
      conflicts[i] = problem.conflictsOf(i);
      dependsOn[i] = problem.dependenciesOf(i);
      dependents[i] = new BitSet();
      degree[i] = conflicts[i].cardinality();
    }
    for (int i = 0; i < size; i++) {
      BitSet d = dependsOn[i];
      for (int j = d.nextSetBit(0); j >= 0; j = d.nextSetBit(j + 1)) {
        dependents[j].set(i);
      }
    }
    topologicalOrder = topologicalOrder();
    tail = new int[size];
    for (int k = size - 1; k >= 0; k--) {
      int v = topologicalOrder[k];
      int best = 0;
      BitSet after = dependents[v];
      for (int j = after.nextSetBit(0); j >= 0; j = after.nextSetBit(j + 1)) {
        best = Math.max(best, tail[j]);
      }
      tail[v] = best + 1;
    }
    components = components();
  }

  /** Kahn's algorithm seeded in index order; the problem already rejected cycles. */
  private int[] topologicalOrder() {
    int[] waiting = new int[size];
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < size; i++) {
      waiting[i] = dependsOn[i].cardinality();
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    int[] order = new int[size];
    int count = 0;
    while (!ready.isEmpty()) {
      int v = ready.poll();
      order[count++] = v;
      BitSet after = dependents[v];
      for (int j = after.nextSetBit(0); j >= 0; j = after.nextSetBit(j + 1)) {
        if (--waiting[j] == 0) {
          ready.add(j);
        }
      }
    }
    if (count != size) {
      throw new IllegalStateException("dependency cycle slipped past SchedulingProblem");
    }
    return order;
  }

  /** Connected components of conflicts plus dependencies in either direction. */
  private List<int[]> components() {
    List<int[]> result = new ArrayList<>();
    BitSet unseen = new BitSet(size);
    unseen.set(0, size);
    BitSet members = new BitSet(size);
    int[] stack = new int[size];
    for (int root = unseen.nextSetBit(0); root >= 0; root = unseen.nextSetBit(0)) {
      members.clear();
      int top = 0;
      stack[top++] = root;
      unseen.clear(root);
      while (top > 0) {
        int v = stack[--top];
        members.set(v);
        // Only the neighbours not seen yet, found a word at a time: a lane in a group of many
        // lanes with one scope has thousands of conflicts, nearly all seen before.
        for (BitSet next : new BitSet[] {conflicts[v], dependsOn[v], dependents[v]}) {
          if (!next.intersects(unseen)) {
            continue;
          }
          BitSet fresh = (BitSet) next.clone();
          fresh.and(unseen);
          unseen.andNot(fresh);
          for (int j = fresh.nextSetBit(0); j >= 0; j = fresh.nextSetBit(j + 1)) {
            stack[top++] = j;
          }
        }
      }
      result.add(members.stream().toArray());
    }
    return List.copyOf(result);
  }

  /**
   * Lanes that can never share a wave with each lane: its conflicts, every lane it reaches through
   * dependencies and every lane that reaches it. Computed on first use with word-parallel unions in
   * topological order.
   */
  BitSet[] incompatible() {
    if (incompatible == null) {
      BitSet[] before = new BitSet[size];
      BitSet[] after = new BitSet[size];
      for (int v : topologicalOrder) {
        before[v] = new BitSet();
        BitSet d = dependsOn[v];
        for (int j = d.nextSetBit(0); j >= 0; j = d.nextSetBit(j + 1)) {
          before[v].or(before[j]);
          before[v].set(j);
        }
      }
      for (int k = size - 1; k >= 0; k--) {
        int v = topologicalOrder[k];
        after[v] = new BitSet();
        BitSet d = dependents[v];
        for (int j = d.nextSetBit(0); j >= 0; j = d.nextSetBit(j + 1)) {
          after[v].or(after[j]);
          after[v].set(j);
        }
      }
      BitSet[] result = new BitSet[size];
      for (int v = 0; v < size; v++) {
        result[v] = (BitSet) conflicts[v].clone();
        result[v].or(before[v]);
        result[v].or(after[v]);
      }
      incompatible = result;
    }
    return incompatible;
  }

  /**
   * A lower bound on the waves of every component: the larger of its longest dependency chain and a
   * clique of mutually incompatible lanes found greedily from each of its lanes (a clique of size c
   * needs c distinct waves).
   */
  int[] componentLowerBounds() {
    BitSet[] incompat = incompatible();
    Integer[] byDegree = IntStream.range(0, size).boxed().toArray(Integer[]::new);
    int[] incompatDegree = new int[size];
    for (int v = 0; v < size; v++) {
      incompatDegree[v] = incompat[v].cardinality();
    }
    Arrays.sort(
        byDegree,
        Comparator.<Integer>comparingInt(v -> -incompatDegree[v]).thenComparingInt(v -> v));
    // Rank: most incompatible lanes first, then lowest index. Each component gets its lanes in
    // rank order from one pass over the global order.
    int[] componentOf = new int[size];
    int[] filled = new int[components.size()];
    int[][] ranked = new int[components.size()][];
    for (int c = 0; c < components.size(); c++) {
      ranked[c] = new int[components.get(c).length];
      for (int lane : components.get(c)) {
        componentOf[lane] = c;
      }
    }
    for (int v : byDegree) {
      int c = componentOf[v];
      ranked[c][filled[c]++] = v;
    }
    int[] bounds = new int[components.size()];
    for (int c = 0; c < components.size(); c++) {
      int best = 0;
      for (int start : components.get(c)) {
        best = Math.max(best, tail[start]);
      }
      // Starts in rank order, skipping any whose clique could not beat the best so far (a clique
      // through v has at most degree(v) + 1 lanes): on a long chain the first start finds the
      // whole chain and every other start is skipped, which keeps this near-linear there.
      int[] starts = ranked[c];
      for (int start : starts) {
        if (incompatDegree[start] + 1 > best) {
          best = Math.max(best, greedyClique(start, incompat, starts));
        }
      }
      bounds[c] = best;
    }
    return bounds;
  }

  /**
   * Grows a clique from {@code start}, always adding the candidate of best (lowest) rank. The
   * candidates only shrink, so each pick ranks after the previous one and one pass over the
   * component in rank order finds them all.
   */
  private static int greedyClique(int start, BitSet[] adjacency, int[] byRank) {
    BitSet candidates = (BitSet) adjacency[start].clone();
    int cliqueSize = 1;
    boolean more = !candidates.isEmpty();
    for (int k = 0; k < byRank.length && more; k++) {
      int u = byRank[k];
      if (candidates.get(u)) {
        cliqueSize++;
        candidates.and(adjacency[u]);
        more = !candidates.isEmpty();
      }
    }
    return cliqueSize;
  }
}
