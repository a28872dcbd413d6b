package dev.lanes.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The lanes to place in waves, by index in plan order, with the pairs that may not share a wave and
 * the lanes each one must come strictly after.
 *
 * <p>The constructor <b>symmetrises</b> {@code conflicts}: if lane {@code a} lists {@code b}, then
 * {@code b} conflicts with {@code a} too, whether or not the caller said so. It rejects, with an
 * {@link IllegalArgumentException} naming the lanes, a lane that conflicts with itself, an index
 * outside {@code 0..size-1}, and any dependency cycle (a lane depending on itself included). The
 * bit sets are copied in and copied out, so a problem never changes after construction.
 */
public record SchedulingProblem(int size, List<BitSet> conflicts, List<BitSet> dependsOn) {

  public SchedulingProblem {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    Objects.requireNonNull(conflicts, "conflicts");
    Objects.requireNonNull(dependsOn, "dependsOn");
    if (conflicts.size() != size || dependsOn.size() != size) {
      throw new IllegalArgumentException(
          "expected one conflict set and one dependency set per lane ("
              + size
              + "), got "
              + conflicts.size()
              + " and "
              + dependsOn.size());
    }
    List<BitSet> deps = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      BitSet c = Objects.requireNonNull(conflicts.get(i), "conflicts of lane " + i);
      BitSet d = Objects.requireNonNull(dependsOn.get(i), "dependencies of lane " + i);
      checkRange(c, size, "lane " + i + " conflicts with");
      checkRange(d, size, "lane " + i + " depends on");
      if (c.get(i)) {
        throw new IllegalArgumentException("lane " + i + " conflicts with itself");
      }
      deps.add((BitSet) d.clone());
    }
    List<BitSet> conf = symmetric(size, conflicts);
    rejectCycles(size, deps);
    conflicts = Collections.unmodifiableList(conf);
    dependsOn = Collections.unmodifiableList(deps);
  }

  /** Starts a problem of {@code size} lanes with no conflicts and no dependencies. */
  public static Builder builder(int size) {
    return new Builder(size);
  }

  /** Copies of the conflict sets, symmetric, one per lane. */
  @Override
  public List<BitSet> conflicts() {
    return deepCopy(conflicts);
  }

  /** Copies of the dependency sets, one per lane. */
  @Override
  public List<BitSet> dependsOn() {
    return deepCopy(dependsOn);
  }

  /** The lanes conflicting with {@code lane}; shared, so callers in this package must not write. */
  BitSet conflictsOf(int lane) {
    return conflicts.get(lane);
  }

  /** The lanes {@code lane} depends on; shared, so callers in this package must not write. */
  BitSet dependenciesOf(int lane) {
    return dependsOn.get(lane);
  }

  private static List<BitSet> deepCopy(List<BitSet> sets) {
    List<BitSet> copy = new ArrayList<>(sets.size());
    for (BitSet s : sets) {
      copy.add((BitSet) s.clone());
    }
    return Collections.unmodifiableList(copy);
  }

  /**
   * Each row or-ed with its column, so that every conflict holds both ways. Done on 64 x 64 blocks
   * of bits transposed in registers, not bit by bit: 10,000 lanes with one scope are 100 million
   * conflicts, which bit by bit took seconds.
   */
  private static List<BitSet> symmetric(int size, List<BitSet> rows) {
    int words = (size + 63) >>> 6;
    long[][] in = new long[size][];
    long[][] out = new long[size][];
    for (int i = 0; i < size; i++) {
      in[i] = Arrays.copyOf(rows.get(i).toLongArray(), words);
      out[i] = in[i].clone();
    }
    long[] block = new long[64];
    for (int bi = 0; bi < words; bi++) {
      for (int bj = 0; bj < words; bj++) {
        boolean any = false;
        for (int r = 0; r < 64; r++) {
          int i = (bi << 6) + r;
          block[r] = i < size ? in[i][bj] : 0;
          any |= block[r] != 0;
        }
        if (!any) {
          continue;
        }
        transpose(block);
        for (int c = 0; c < 64 && (bj << 6) + c < size; c++) {
          out[(bj << 6) + c][bi] |= block[c];
        }
      }
    }
    List<BitSet> result = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      result.add(BitSet.valueOf(out[i]));
    }
    return result;
  }

  /** Transposes a 64 x 64 bit matrix in place: bit c of row r goes to bit r of row c. */
  private static void transpose(long[] a) {
    long m = 0x00000000FFFFFFFFL;
    for (int j = 32; j != 0; j >>= 1, m ^= m << j) {
      for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
        long t = ((a[k] >>> j) ^ a[k | j]) & m;
        a[k] ^= t << j;
        a[k | j] ^= t;
      }
    }
  }

  private static void checkRange(BitSet set, int size, String what) {
    if (set.length() > size) {
      throw new IllegalArgumentException(
          what + " lane " + (set.length() - 1) + ", outside 0.." + (size - 1));
    }
  }

  /** Iterative depth-first search, so a 10,000-lane chain cannot overflow the stack. */
  private static void rejectCycles(int size, List<BitSet> deps) {
    final int unseen = 0;
    final int onPath = 1;
    final int done = 2;
    int[] state = new int[size];
    int[] parent = new int[size];
    int[] stack = new int[size];
    int[] cursor = new int[size];
    for (int root = 0; root < size; root++) {
      if (state[root] != unseen) {
        continue;
      }
      int top = 0;
      stack[0] = root;
      cursor[root] = 0;
      state[root] = onPath;
      parent[root] = -1;
      while (top >= 0) {
        int v = stack[top];
        int next = deps.get(v).nextSetBit(cursor[v]);
        if (next < 0) {
          state[v] = done;
          top--;
          continue;
        }
        cursor[v] = next + 1;
        if (state[next] == onPath) {
          throw new IllegalArgumentException(describeCycle(v, next, parent));
        }
        if (state[next] == unseen) {
          state[next] = onPath;
          parent[next] = v;
          cursor[next] = 0;
          stack[++top] = next;
        }
      }
    }
  }

  private static String describeCycle(int from, int backTo, int[] parent) {
    List<Integer> path = new ArrayList<>();
    for (int v = from; v != backTo; v = parent[v]) {
      path.add(v);
    }
    path.add(backTo);
    Collections.reverse(path);
    StringBuilder text = new StringBuilder("dependency cycle: lane ");
    for (int lane : path) {
      text.append(lane).append(" depends on ");
    }
    return text.append(backTo).toString();
  }

  /** Collects conflicts and dependencies pair by pair, then validates once in {@link #build()}. */
  public static final class Builder {
    private final int size;
    private final List<BitSet> conflicts = new ArrayList<>();
    private final List<BitSet> dependsOn = new ArrayList<>();

    private Builder(int size) {
      if (size < 0) {
        throw new IllegalArgumentException("size must not be negative: " + size);
      }
      this.size = size;
      for (int i = 0; i < size; i++) {
        conflicts.add(new BitSet());
        dependsOn.add(new BitSet());
      }
    }

    /** Records that lanes {@code a} and {@code b} may not share a wave (in both directions). */
    public Builder conflict(int a, int b) {
      checkLane(a);
      checkLane(b);
      conflicts.get(a).set(b);
      conflicts.get(b).set(a);
      return this;
    }

    /**
     * Records that {@code lane} may not share a wave with any lane of {@code others} (itself
     * excepted): a whole row at once, for groups of lanes with one scope. The other direction
     * follows when the problem is built (it symmetrises).
     */
    public Builder conflicts(int lane, BitSet others) {
      checkLane(lane);
      if (others.length() > size) {
        checkLane(others.length() - 1);
      }
      BitSet row = conflicts.get(lane);
      row.or(others);
      row.clear(lane);
      return this;
    }

    /** Records that {@code lane} must run in a wave strictly after {@code on}. */
    public Builder dependsOn(int lane, int on) {
      checkLane(lane);
      checkLane(on);
      dependsOn.get(lane).set(on);
      return this;
    }

    public SchedulingProblem build() {
      return new SchedulingProblem(size, conflicts, dependsOn);
    }

    private void checkLane(int lane) {
      if (lane < 0 || lane >= size) {
        throw new IllegalArgumentException("lane " + lane + " is outside 0.." + (size - 1));
      }
    }
  }
}
