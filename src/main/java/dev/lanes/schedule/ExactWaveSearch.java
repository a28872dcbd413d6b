package dev.lanes.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Iterative-deepening depth-first search for the fewest waves of one small component (at most 63
 * lanes, one bit each in a {@code long}), branching on maximal independent sets of ready lanes.
 *
 * <p><b>Why maximal sets suffice.</b> Call a lane ready for wave {@code t} when every lane it
 * depends on is in a wave before {@code t}. Take any valid schedule with {@code k} waves and let
 * {@code t} be the first wave that is not a maximal independent set of the lanes ready for it: some
 * ready lane {@code v}, in a later wave {@code s > t}, conflicts with nothing in wave {@code t}.
 * Move {@code v} to wave {@code t}. Wave {@code t} stays conflict-free by choice of {@code v}; the
 * lanes {@code v} depends on are all before {@code t} because {@code v} was ready; the lanes that
 * depend on {@code v} were after {@code s > t} and still are. If wave {@code s} is left empty, drop
 * it and shift the later waves down one, which keeps every order. The schedule stays valid with at
 * most {@code k} waves and the sum of all wave numbers strictly falls, so repeating this ends, in a
 * schedule no longer than the first whose every wave is a maximal independent set of its ready
 * lanes. Searching only those schedules therefore still finds an optimal one.
 *
 * <p><b>Search.</b> The state is the set of lanes already placed. For depth limits {@code d} from
 * the lower bound up to one below the heuristic's wave count, a depth-first search tries to finish
 * within {@code d} waves; the first limit that succeeds is optimal. Pruning: a state is cut when
 * its lower bound (longest remaining dependency chain; greedy clique of remaining mutually
 * incompatible lanes) exceeds the waves left, or when the memo records that the state already
 * failed with at least as many waves left. Children are tried by lowest bound first, then more
 * lanes first, then lowest mask, so the search is deterministic. Every expanded state and every
 * enumerated independent set costs one unit of budget; when the budget runs out the search gives up
 * and claims nothing.
 */
final class ExactWaveSearch {
  /** Largest component searched exactly. */
  static final int MAX_LANES = 20;

  private final int m;
  private final long all;
  private final long[] conflicts;
  private final long[] dependsOn;
  private final long[] incompatible;
  private final int[] tail;
  private final int[] cliqueOrder;
  private final Map<Long, Integer> failedWithWavesLeft = new HashMap<>();
  private final long[] path;
  private long budget;
  private boolean exhausted;

  /** What the search established: a better assignment if found, and whether it is proven. */
  record Outcome(Optional<int[]> waveOf, boolean proven, long budgetLeft) {}

  private ExactWaveSearch(
      long[] conflicts, long[] dependsOn, long[] incompatible, int[] tail, long budget) {
    this.m = conflicts.length;
    this.all = m == 64 ? -1L : (1L << m) - 1;
    this.conflicts = conflicts;
    this.dependsOn = dependsOn;
    this.incompatible = incompatible;
    this.tail = tail;
    this.budget = budget;
    this.path = new long[m + 1];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int byDegree = Long.bitCount(incompatible[b]) - Long.bitCount(incompatible[a]);
          return byDegree != 0 ? byDegree : Integer.compare(a, b);
        });
    cliqueOrder = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /**
   * Searches for fewer than {@code upper} waves (the count a heuristic already reached) for the
   * component given by local bit masks. {@code proven} is true when the search completed: then the
   * returned assignment, or the heuristic's if none is returned, is optimal.
   */
  static Outcome solve(
      long[] conflicts,
      long[] dependsOn,
      long[] incompatible,
      int[] tail,
      int lower,
      int upper,
      long budget) {
    if (conflicts.length > 63) {
      throw new IllegalArgumentException("exact search handles at most 63 lanes");
    }
    ExactWaveSearch search = new ExactWaveSearch(conflicts, dependsOn, incompatible, tail, budget);
    int from = Math.max(lower, search.bound(0L));
    for (int limit = from; limit < upper; limit++) {
      if (search.finish(0L, limit, 0)) {
        return new Outcome(Optional.of(search.assignment(limit)), true, search.budget);
      }
      if (search.exhausted) {
        return new Outcome(Optional.empty(), false, 0);
      }
    }
    return new Outcome(Optional.empty(), true, search.budget);
  }

  private int[] assignment(int waves) {
    int[] waveOf = new int[m];
    for (int w = 0; w < waves; w++) {
      long set = path[w];
      for (long rest = set; rest != 0; rest &= rest - 1) {
        waveOf[Long.numberOfTrailingZeros(rest)] = w + 1;
      }
    }
    return waveOf;
  }

  /** True if the lanes outside {@code placed} fit in {@code left} more waves; fills the path. */
  private boolean finish(long placed, int left, int depth) {
    if (placed == all) {
      return true;
    }
    if (left == 0 || bound(placed) > left) {
      return false;
    }
    Integer failed = failedWithWavesLeft.get(placed);
    if (failed != null && failed >= left) {
      return false;
    }
    if (--budget < 0) {
      exhausted = true;
      return false;
    }
    long ready = 0;
    for (long rest = all & ~placed; rest != 0; rest &= rest - 1) {
      int v = Long.numberOfTrailingZeros(rest);
      if ((dependsOn[v] & ~placed) == 0) {
        ready |= 1L << v;
      }
    }
    List<long[]> children = new ArrayList<>();
    maximalIndependentSets(ready, 0L, ready, 0L, placed, children);
    if (exhausted) {
      return false;
    }
    children.sort(
        (a, b) -> {
          int c = Long.compare(a[1], b[1]);
          if (c != 0) {
            return c;
          }
          c = Integer.compare(Long.bitCount(b[0]), Long.bitCount(a[0]));
          return c != 0 ? c : Long.compareUnsigned(a[0], b[0]);
        });
    for (long[] child : children) {
      if (child[1] > left - 1) {
        break;
      }
      path[depth] = child[0];
      if (finish(placed | child[0], left - 1, depth + 1)) {
        return true;
      }
      if (exhausted) {
        return false;
      }
    }
    failedWithWavesLeft.merge(placed, left, Math::max);
    return false;
  }

  /**
   * Bron–Kerbosch with pivoting on the complement of the conflict graph restricted to {@code
   * ready}: its maximal cliques are the maximal conflict-free sets of ready lanes. Each result is
   * stored with the lower bound of the state it leads to.
   */
  private void maximalIndependentSets(
      long ready, long chosen, long candidates, long excluded, long placed, List<long[]> out) {
    if (candidates == 0) {
      if (excluded == 0) {
        if (--budget < 0) {
          exhausted = true;
          return;
        }
        out.add(new long[] {chosen, bound(placed | chosen)});
      }
      return;
    }
    int pivot = -1;
    int pivotScore = -1;
    for (long rest = candidates | excluded; rest != 0; rest &= rest - 1) {
      int u = Long.numberOfTrailingZeros(rest);
      int score = Long.bitCount(candidates & compatible(u, ready));
      if (score > pivotScore) {
        pivot = u;
        pivotScore = score;
      }
    }
    for (long rest = candidates & ~compatible(pivot, ready); rest != 0; rest &= rest - 1) {
      int v = Long.numberOfTrailingZeros(rest);
      long bit = 1L << v;
      long near = compatible(v, ready);
      maximalIndependentSets(ready, chosen | bit, candidates & near, excluded & near, placed, out);
      if (exhausted) {
        return;
      }
      candidates &= ~bit;
      excluded |= bit;
    }
  }

  private long compatible(int v, long ready) {
    return ready & ~conflicts[v] & ~(1L << v);
  }

  /** Lower bound on the waves still needed once {@code placed} are placed. */
  private int bound(long placed) {
    long remaining = all & ~placed;
    int best = 0;
    for (long rest = remaining; rest != 0; rest &= rest - 1) {
      best = Math.max(best, tail[Long.numberOfTrailingZeros(rest)]);
    }
    for (long rest = remaining; rest != 0; rest &= rest - 1) {
      int start = Long.numberOfTrailingZeros(rest);
      long candidates = incompatible[start] & remaining;
      int size = 1;
      for (int k = 0; k < m && candidates != 0; k++) {
        int u = cliqueOrder[k];
        if ((candidates & (1L << u)) != 0) {
          size++;
          candidates &= incompatible[u];
        }
      }
      best = Math.max(best, size);
    }
    return best;
  }
}
