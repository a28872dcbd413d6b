package dev.lanes.scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A deterministic automaton over UTF-16 chars in flat arrays, and a breadth-first search over
 * products of several.
 *
 * <p>The overlap test only needs to know whether some string is accepted by all of a few automata
 * (and by none of a few others), and the shortest such string; the search walks their product on
 * the fly, without building it. State 0 is the initial state; -1 stands for the dead state, which
 * rejects everything. Each state's transitions are sorted, disjoint char intervals.
 */
final class Dfa {
  private final boolean[] accept;
  private final char[][] mins;
  private final char[][] maxs;
  private final int[][] targets;

  Dfa(boolean[] accept, char[][] mins, char[][] maxs, int[][] targets) {
    this.accept = accept;
    this.mins = mins;
    this.maxs = maxs;
    this.targets = targets;
  }

  /**
   * The paths git could track (and lanes could create): '/'-separated, no empty segment, no {@code
   * .} or {@code ..} segment, no leading or trailing '/'. States: 0 at the start of a segment, 1
   * after {@code .}, 2 after {@code ..}, 3 inside a real name (accepting).
   */
  static final Dfa VALID_PATHS =
      new Dfa(
          new boolean[] {false, false, false, true},
          new char[][] {
            {'\0', '.', '0'}, {'\0', '.', '0'}, {'\0', '.', '0'}, {'\0', '/', '0'},
          },
          new char[][] {
            {'-', '.', '\uffff'},
            {'-', '.', '\uffff'},
            {'-', '.', '\uffff'},
            {'.', '/', '\uffff'},
          },
          new int[][] {{3, 1, 3}, {3, 2, 3}, {3, 3, 3}, {3, 0, 3}});

  boolean accepts(int state) {
    return state >= 0 && accept[state];
  }

  int step(int state, char c) {
    if (state < 0) {
      return -1;
    }
    char[] lo = mins[state];
    int a = 0;
    int b = lo.length - 1;
    while (a <= b) {
      int mid = (a + b) >>> 1;
      if (lo[mid] <= c) {
        a = mid + 1;
      } else {
        b = mid - 1;
      }
    }
    int k = a - 1;
    return k >= 0 && c <= maxs[state][k] ? targets[state][k] : -1;
  }

  boolean run(String s) {
    return accepts(after(s));
  }

  /** The state after reading {@code s} from the initial state. */
  private int after(String s) {
    int state = 0;
    for (int i = 0; i < s.length() && state >= 0; i++) {
      state = step(state, s.charAt(i));
    }
    return state;
  }

  /**
   * A shortest string starting with {@code start} that every one of {@code all} accepts and none of
   * {@code none} accepts, or empty when there is none.
   *
   * <p>Breadth-first over the reachable product states, so the result has minimal length; a state
   * where some automaton of {@code all} is dead is not expanded. The alphabet is cut into the
   * intervals on which every live component behaves alike, and intervals are tried nicest first
   * (one representative letter or digit each), so examples read like file names. The search is
   * deterministic.
   */
  static Optional<String> shortest(String start, List<Dfa> all, List<Dfa> none) {
    List<Dfa> list = new ArrayList<>(all);
    list.addAll(none);
    Dfa[] dfas = list.toArray(new Dfa[0]);
    int k = dfas.length;
    int positives = all.size();
    // The queue holds every visited product state, with the state and char it was reached from.
    List<int[]> queue = new ArrayList<>();
    List<Integer> parent = new ArrayList<>();
    StringBuilder via = new StringBuilder();
    Set<ProductState> seen = new HashSet<>();
    int[] first = new int[k];
    for (int d = 0; d < k; d++) {
      first[d] = dfas[d].after(start);
      if (d < positives && first[d] < 0) {
        return Optional.empty();
      }
    }
    queue.add(first);
    parent.add(-1);
    via.append('\0');
    seen.add(new ProductState(queue.get(0)));
    for (int at = 0; at < queue.size(); at++) {
      int[] current = queue.get(at);
      if (accepts(dfas, positives, current)) {
        StringBuilder out = new StringBuilder();
        for (int i = at; parent.get(i) >= 0; i = parent.get(i)) {
          out.append(via.charAt(i));
        }
        return Optional.of(start + out.reverse());
      }
      for (char c : representatives(dfas, current)) {
        int[] next = new int[k];
        boolean alive = true;
        for (int d = 0; d < k; d++) {
          next[d] = dfas[d].step(current[d], c);
          alive &= d >= positives || next[d] >= 0;
        }
        if (alive && seen.add(new ProductState(next))) {
          queue.add(next);
          parent.add(at);
          via.append(c);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * One char per interval on which every live component behaves alike, nicest first: the boundaries
   * are every transition start and every end + 1.
   */
  private static char[] representatives(Dfa[] dfas, int[] current) {
    int n = 0;
    for (int c = 0; c < dfas.length; c++) {
      n += current[c] < 0 ? 0 : 2 * dfas[c].mins[current[c]].length;
    }
    char[] sorted = new char[n];
    n = 0;
    for (int c = 0; c < dfas.length; c++) {
      int s = current[c];
      if (s < 0) {
        continue;
      }
      for (int t = 0; t < dfas[c].mins[s].length; t++) {
        sorted[n++] = dfas[c].mins[s][t];
        if (dfas[c].maxs[s][t] != '\uffff') {
          sorted[n++] = (char) (dfas[c].maxs[s][t] + 1);
        }
      }
    }
    sorted = Arrays.copyOf(sorted, n);
    Arrays.sort(sorted);
    // Rank in the high bits, char in the low, so that sorting puts the nicest first.
    long[] order = new long[sorted.length];
    n = 0;
    for (int p = 0; p < sorted.length; p++) {
      if (p > 0 && sorted[p] == sorted[p - 1]) {
        continue;
      }
      int q = p + 1;
      while (q < sorted.length && sorted[q] == sorted[p]) {
        q++;
      }
      char hi = q < sorted.length ? (char) (sorted[q] - 1) : '\uffff';
      char rep = representative(sorted[p], hi);
      order[n++] = (rank(rep) << 16) | rep;
    }
    Arrays.sort(order, 0, n);
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = (char) order[i];
    }
    return out;
  }

  private static boolean accepts(Dfa[] dfas, int positives, int[] states) {
    for (int c = 0; c < dfas.length; c++) {
      if (dfas[c].accepts(states[c]) != c < positives) {
        return false;
      }
    }
    return true;
  }

  /** A product state as a set element. */
  private record ProductState(int[] states) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ProductState other && Arrays.equals(states, other.states);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(states);
    }

    @Override
    public String toString() {
      return Arrays.toString(states);
    }
  }

  /** The nicest character of an interval: x, a lowercase letter, a digit, then anything. */
  private static char representative(char lo, char hi) {
    if (lo <= 'x' && 'x' <= hi) {
      return 'x';
    }
    for (int r = 0; r < NICE_RANGES.length(); r += 2) {
      char c = (char) Math.max(lo, NICE_RANGES.charAt(r));
      if (c <= Math.min(hi, NICE_RANGES.charAt(r + 1))) {
        return c;
      }
    }
    char printable = (char) Math.max(lo, '!');
    return printable <= hi && printable < '\u007f' ? printable : lo;
  }

  /** Ranges of nice characters, nicest first: a-z, 0-9, A-Z, then _, - , . and /. */
  private static final String NICE_RANGES = "az09AZ__--..//";

  private static long rank(char c) {
    if (c == '/' || c == 'x') {
      return 0;
    }
    if (c >= 'a' && c <= 'z') {
      return 1;
    }
    if (c >= '0' && c <= '9') {
      return 2;
    }
    if (c >= 'A' && c <= 'Z') {
      return 3;
    }
    if (c == '_' || c == '-' || c == '.') {
      return 4;
    }
    if (c > ' ' && c < '\u007f') {
      return 5;
    }
    return c < ' ' ? 7 : 6;
  }
}
