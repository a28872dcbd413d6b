package dev.lanes.scope;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deterministic automaton in flat arrays, and a breadth-first search over products of several.
 *
 * <p>dk.brics builds a new automaton for every intersection; the overlap test only needs to know
 * whether a product state that satisfies a boolean condition is reachable, and the shortest path to
 * it. Searching the product on the fly, without building it, is what keeps thousands of pair tests
 * cheap. State 0 is the initial state; -1 stands for the dead state, which rejects everything
 * (states that cannot reach acceptance are folded into it).
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

  /** Flattens a deterministic dk.brics automaton. */
  static Dfa of(Automaton automaton) {
    Automaton a = automaton.clone();
    a.determinize();
    Set<State> live = a.getLiveStates();
    List<State> order = new ArrayList<>();
    Map<State, Integer> index = new IdentityHashMap<>();
    State initial = a.getInitialState();
    if (!live.contains(initial)) {
      // The empty language: one non-accepting state without transitions.
      return new Dfa(new boolean[] {false}, new char[][] {{}}, new char[][] {{}}, new int[][] {{}});
    }
    order.add(initial);
    index.put(initial, 0);
    for (int i = 0; i < order.size(); i++) {
      for (Transition t : order.get(i).getSortedTransitions(false)) {
        State to = t.getDest();
        if (live.contains(to) && !index.containsKey(to)) {
          index.put(to, order.size());
          order.add(to);
        }
      }
    }
    int n = order.size();
    boolean[] accept = new boolean[n];
    char[][] mins = new char[n][];
    char[][] maxs = new char[n][];
    int[][] targets = new int[n][];
    for (int i = 0; i < n; i++) {
      State s = order.get(i);
      accept[i] = s.isAccept();
      List<Transition> ts = new ArrayList<>();
      for (Transition t : s.getSortedTransitions(false)) {
        if (live.contains(t.getDest())) {
          ts.add(t);
        }
      }
      mins[i] = new char[ts.size()];
      maxs[i] = new char[ts.size()];
      targets[i] = new int[ts.size()];
      for (int k = 0; k < ts.size(); k++) {
        mins[i][k] = ts.get(k).getMin();
        maxs[i][k] = ts.get(k).getMax();
        targets[i][k] = index.get(ts.get(k).getDest());
      }
    }
    return new Dfa(accept, mins, maxs, targets);
  }

  int states() {
    return accept.length;
  }

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
    int state = 0;
    for (int i = 0; i < s.length() && state >= 0; i++) {
      state = step(state, s.charAt(i));
    }
    return accepts(state);
  }

  /**
   * The condition a product state must meet: every positive group has an accepting component, and
   * no negative component accepts. A state with a positive group whose components are all dead can
   * never meet it, so the search does not expand it.
   */
  record Condition(int[][] positiveGroups, int[] negatives) {
    boolean accepts(Dfa[] dfas, int[] states) {
      for (int[] group : positiveGroups) {
        boolean any = false;
        for (int c : group) {
          if (dfas[c].accepts(states[c])) {
            any = true;
            break;
          }
        }
        if (!any) {
          return false;
        }
      }
      for (int c : negatives) {
        if (dfas[c].accepts(states[c])) {
          return false;
        }
      }
      return true;
    }

    boolean alive(int[] states) {
      for (int[] group : positiveGroups) {
        boolean any = false;
        for (int c : group) {
          if (states[c] >= 0) {
            any = true;
            break;
          }
        }
        if (!any) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * A shortest string whose run through all {@code dfas} together meets {@code condition}.
   *
   * <p>Breadth-first over the reachable product states, so the result has minimal length. The
   * alphabet is cut into the intervals on which every live component behaves alike, and intervals
   * are tried nicest first (one representative letter or digit each), so examples read like file
   * names. The search is deterministic.
   */
  static Optional<String> shortest(Dfa[] dfas, Condition condition) {
    int k = dfas.length;
    long[] radix = radix(dfas);
    // The visited states double as the BFS queue: state i sits at states[i*k .. i*k+k).
    int[] states = new int[16 * k];
    int[] parent = new int[16];
    char[] via = new char[16];
    int count = 1;
    parent[0] = -1;
    LongSet fast = radix.length == 0 ? null : new LongSet();
    Map<StatesKey, Integer> slow = radix.length == 0 ? new HashMap<>() : null;
    int[] current = new int[k];
    int[] next = new int[k];
    if (fast != null) {
      fast.add(key(current, radix));
    } else {
      slow.put(new StatesKey(current.clone()), 0);
    }
    char[] points = new char[64];
    long[] order = new long[64];
    for (int at = 0; at < count; at++) {
      System.arraycopy(states, at * k, current, 0, k);
      if (condition.accepts(dfas, current)) {
        StringBuilder out = new StringBuilder();
        for (int i = at; parent[i] >= 0; i = parent[i]) {
          out.append(via[i]);
        }
        return Optional.of(out.reverse().toString());
      }
      if (!condition.alive(current)) {
        continue;
      }
      // Interval boundaries: every transition start and every end + 1 of the live components.
      int np = 0;
      for (int c = 0; c < k; c++) {
        int s = current[c];
        if (s < 0) {
          continue;
        }
        char[] lo = dfas[c].mins[s];
        char[] hi = dfas[c].maxs[s];
        if (points.length < np + 2 * lo.length) {
          points = Arrays.copyOf(points, 2 * (np + 2 * lo.length));
        }
        for (int t = 0; t < lo.length; t++) {
          points[np++] = lo[t];
          if (hi[t] != '\uffff') {
            points[np++] = (char) (hi[t] + 1);
          }
        }
      }
      Arrays.sort(points, 0, np);
      // One representative per interval, nicest first: rank in the high bits, char in the low.
      int ni = 0;
      if (order.length < np) {
        order = new long[np];
      }
      for (int p = 0; p < np; p++) {
        if (p > 0 && points[p] == points[p - 1]) {
          continue;
        }
        char lo = points[p];
        int q = p + 1;
        while (q < np && points[q] == lo) {
          q++;
        }
        char hi = q < np ? (char) (points[q] - 1) : '\uffff';
        char rep = representative(lo, hi);
        order[ni++] = (rank(rep) << 16) | rep;
      }
      Arrays.sort(order, 0, ni);
      for (int o = 0; o < ni; o++) {
        char c = (char) order[o];
        boolean any = false;
        for (int d = 0; d < k; d++) {
          next[d] = dfas[d].step(current[d], c);
          any |= next[d] >= 0;
        }
        if (!any || !condition.alive(next)) {
          continue;
        }
        boolean fresh =
            fast != null
                ? fast.add(key(next, radix))
                : slow.putIfAbsent(new StatesKey(next.clone()), count) == null;
        if (fresh) {
          if (parent.length == count) {
            parent = Arrays.copyOf(parent, 2 * count);
            via = Arrays.copyOf(via, 2 * count);
            states = Arrays.copyOf(states, 2 * count * k);
          }
          System.arraycopy(next, 0, states, count * k, k);
          parent[count] = at;
          via[count] = c;
          count++;
        }
      }
    }
    return Optional.empty();
  }

  /** An open-addressing set of product-state keys, to avoid boxing in the hot loop. */
  private static final class LongSet {
    private long[] keys = new long[64];
    private boolean[] used = new boolean[64];
    private int size;

    /** Adds {@code key}; returns whether it was new. */
    boolean add(long key) {
      if (2 * (size + 1) > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int i = (int) (mix(key) & mask);
      while (used[i]) {
        if (keys[i] == key) {
          return false;
        }
        i = (i + 1) & mask;
      }
      used[i] = true;
      keys[i] = key;
      size++;
      return true;
    }

    private static long mix(long x) {
      x ^= x >>> 33;
      x *= 0xff51afd7ed558ccdL;
      x ^= x >>> 33;
      return x;
    }

    private void grow() {
      long[] oldKeys = keys;
      boolean[] oldUsed = used;
      keys = new long[oldKeys.length * 2];
      used = new boolean[oldKeys.length * 2];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldUsed[i]) {
          add(oldKeys[i]);
        }
      }
    }
  }

  private static long[] radix(Dfa[] dfas) {
    long[] radix = new long[dfas.length];
    long product = 1;
    for (int c = 0; c < dfas.length; c++) {
      radix[c] = product;
      long base = dfas[c].states() + 1L;
      if (product > Long.MAX_VALUE / base) {
        return new long[0];
      }
      product *= base;
    }
    return radix;
  }

  private static long key(int[] states, long[] radix) {
    long key = 0;
    for (int c = 0; c < states.length; c++) {
      key += (states[c] + 1L) * radix[c];
    }
    return key;
  }

  /** A product state as a map key when the state count overflows a long. */
  private record StatesKey(int[] states) {
    @Override
    public boolean equals(Object o) {
      return o instanceof StatesKey other && Arrays.equals(states, other.states);
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

  private static final String NICE = "xabcdefghijklmnopqrstuvwyz0123456789";

  /** The nicest character of an interval: a lowercase letter, a digit, then anything. */
  private static char representative(char lo, char hi) {
    for (int i = 0; i < NICE.length(); i++) {
      char c = NICE.charAt(i);
      if (lo <= c && c <= hi) {
        return c;
      }
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      if (lo <= c && c <= hi) {
        return c;
      }
    }
    for (char c : new char[] {'_', '-', '.', '/'}) {
      if (lo <= c && c <= hi) {
        return c;
      }
    }
    char printable = (char) Math.max(lo, '!');
    return printable <= hi && printable < '\u007f' ? printable : lo;
  }

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
