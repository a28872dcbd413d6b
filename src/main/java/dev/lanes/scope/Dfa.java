package dev.lanes.scope;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.util.ArrayDeque;
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
 * whether a product state that satisfies a boolean condition is reachable, and the shortest path
 * to it. Searching the product on the fly, without building it, is what keeps thousands of pair
 * tests cheap. State 0 is the initial state; -1 stands for the dead state, which rejects
 * everything (states that cannot reach acceptance are folded into it).
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
   * The condition a product state must meet: every positive group has an accepting component,
   * and no negative component accepts. A state with a positive group whose components are all
   * dead can never meet it, so the search does not expand it.
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
    int[] start = new int[k];
    List<int[]> seen = new ArrayList<>();
    List<Integer> parent = new ArrayList<>();
    StringBuilder via = new StringBuilder();
    Map<Object, Integer> index = new HashMap<>();
    long[] radix = radix(dfas);
    seen.add(start);
    parent.add(-1);
    via.append('\0');
    index.put(key(start, radix), 0);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    char[] points = new char[64];
    long[] order = new long[64];
    while (!queue.isEmpty()) {
      int at = queue.poll();
      int[] states = seen.get(at);
      if (condition.accepts(dfas, states)) {
        StringBuilder out = new StringBuilder();
        for (int i = at; parent.get(i) >= 0; i = parent.get(i)) {
          out.append(via.charAt(i));
        }
        return Optional.of(out.reverse().toString());
      }
      if (!condition.alive(states)) {
        continue;
      }
      // Interval boundaries: every transition start and every end + 1 of the live components.
      int np = 0;
      for (int c = 0; c < k; c++) {
        int s = states[c];
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
        int[] next = new int[k];
        boolean any = false;
        for (int d = 0; d < k; d++) {
          next[d] = dfas[d].step(states[d], c);
          any |= next[d] >= 0;
        }
        if (!any || !condition.alive(next)) {
          continue;
        }
        Object key = key(next, radix);
        if (!index.containsKey(key)) {
          index.put(key, seen.size());
          seen.add(next);
          parent.add(at);
          via.append(c);
          queue.add(seen.size() - 1);
        }
      }
    }
    return Optional.empty();
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

  private static Object key(int[] states, long[] radix) {
    if (radix.length == 0) {
      return new StatesKey(states);
    }
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
