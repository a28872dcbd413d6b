package dev.lanes.scope;

import dev.lanes.scope.GlobPattern.AnyChar;
import dev.lanes.scope.GlobPattern.AnySegments;
import dev.lanes.scope.GlobPattern.CharClass;
import dev.lanes.scope.GlobPattern.Literal;
import dev.lanes.scope.GlobPattern.Segment;
import dev.lanes.scope.GlobPattern.SegmentPattern;
import dev.lanes.scope.GlobPattern.Star;
import dev.lanes.scope.GlobPattern.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a glob straight to a {@link Dfa} by the subset construction over glob positions.
 *
 * <p>The language is the glob with everything under its matches, but not restricted to valid paths:
 * searches add {@link Dfa#VALID_PATHS} as a component instead. Property tests check it against a
 * backtracking matcher, a dk.brics automaton and brute force.
 */
final class GlobCompiler {
  private static final int LIT = 0;
  private static final int ANY = 1;
  private static final int CLASS = 2;
  private static final int STAR = 3;
  private static final int SEP = 4;
  private static final int ANYSEG = 5;
  private static final int END = 6;

  private final int[] kind;
  private final char[] literal;
  private final char[][] ranges;
  private final int m;
  private final int all;

  private GlobCompiler(GlobPattern glob) {
    List<Integer> kinds = new ArrayList<>();
    List<Character> lits = new ArrayList<>();
    List<char[]> classes = new ArrayList<>();
    List<Segment> segments = glob.segments();
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (segment instanceof AnySegments) {
        add(kinds, lits, classes, ANYSEG, '\0', null);
        continue;
      }
      for (Token token : ((SegmentPattern) segment).tokens()) {
        if (token instanceof Literal l) {
          add(kinds, lits, classes, LIT, l.c(), null);
        } else if (token instanceof AnyChar) {
          add(kinds, lits, classes, ANY, '\0', null);
        } else if (token instanceof Star) {
          add(kinds, lits, classes, STAR, '\0', null);
        } else {
          add(kinds, lits, classes, CLASS, '\0', positiveRanges((CharClass) token));
        }
      }
      if (i + 1 < segments.size()) {
        add(kinds, lits, classes, SEP, '/', null);
      }
    }
    add(kinds, lits, classes, END, '\0', null);
    m = kinds.size();
    kind = kinds.stream().mapToInt(Integer::intValue).toArray();
    literal = new char[m];
    ranges = new char[m][];
    for (int i = 0; i < m; i++) {
      literal[i] = lits.get(i);
      ranges[i] = classes.get(i);
    }
    // Positions: 0..m-1 the items, m+i "inside a segment eaten by the ** at i", 2m "under a match".
    all = 2 * m;
  }

  private static void add(
      List<Integer> kinds, List<Character> lits, List<char[]> classes, int k, char c, char[] r) {
    kinds.add(k);
    lits.add(c);
    classes.add(r);
  }

  /** The class as sorted, disjoint inclusive ranges, negation resolved and '/' removed. */
  private static char[] positiveRanges(CharClass cc) {
    List<int[]> in = new ArrayList<>();
    for (int k = 0; k < cc.ranges().size(); k += 2) {
      in.add(new int[] {cc.ranges().get(k), cc.ranges().get(k + 1)});
    }
    in.sort((x, y) -> Integer.compare(x[0], y[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] r : in) {
      if (!merged.isEmpty() && r[0] <= merged.get(merged.size() - 1)[1] + 1) {
        int[] last = merged.get(merged.size() - 1);
        last[1] = Math.max(last[1], r[1]);
      } else {
        merged.add(r.clone());
      }
    }
    List<int[]> result = merged;
    if (cc.negated()) {
      result = new ArrayList<>();
      int next = 0;
      for (int[] r : merged) {
        if (r[0] > next) {
          result.add(new int[] {next, r[0] - 1});
        }
        next = r[1] + 1;
      }
      if (next <= 0xffff) {
        result.add(new int[] {next, 0xffff});
      }
    }
    List<Character> out = new ArrayList<>();
    for (int[] r : result) {
      // Cut '/' out of the range.
      if (r[0] <= '/' && '/' <= r[1]) {
        if (r[0] < '/') {
          out.add((char) r[0]);
          out.add((char) ('/' - 1));
        }
        if (r[1] > '/') {
          out.add((char) ('/' + 1));
          out.add((char) r[1]);
        }
      } else {
        out.add((char) r[0]);
        out.add((char) r[1]);
      }
    }
    char[] flat = new char[out.size()];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = out.get(i);
    }
    return flat;
  }

  /** The deterministic automaton of {@code glob} with everything under its matches. */
  static Dfa compile(GlobPattern glob) {
    return new GlobCompiler(glob).build();
  }

  private void close(int p, BitSet set) {
    while (true) {
      set.set(p);
      if (p < m && (kind[p] == STAR || kind[p] == ANYSEG)) {
        p++;
        continue;
      }
      return;
    }
  }

  private void step(int p, char c, BitSet out) {
    if (p == all) {
      out.set(all);
      return;
    }
    if (p >= m) {
      int owner = p - m;
      if (c == '/') {
        close(owner, out);
      } else {
        out.set(p);
      }
      return;
    }
    switch (kind[p]) {
      case LIT -> {
        if (c == literal[p]) {
          close(p + 1, out);
        }
      }
      case ANY -> {
        if (c != '/') {
          close(p + 1, out);
        }
      }
      case CLASS -> {
        char[] r = ranges[p];
        for (int k = 0; k < r.length; k += 2) {
          if (r[k] <= c && c <= r[k + 1]) {
            close(p + 1, out);
            break;
          }
        }
      }
      case STAR -> {
        if (c != '/') {
          close(p, out);
        }
      }
      case SEP -> {
        if (c == '/') {
          close(p + 1, out);
        }
      }
      case ANYSEG -> {
        if (c != '/') {
          out.set(m + p);
        }
      }
      default -> {
        if (c == '/') {
          out.set(all);
        }
      }
    }
  }

  private static final int[] NONE = {};
  private static final int[] AROUND_SLASH = {'/', '/' + 1};

  /** Where the behaviour of position {@code p} changes along the alphabet. */
  private int[] boundaries(int p) {
    if (p == all) {
      return NONE;
    }
    if (p >= m) {
      return AROUND_SLASH;
    }
    if (kind[p] == LIT) {
      return new int[] {literal[p], literal[p] + 1};
    }
    if (kind[p] == CLASS) {
      char[] r = ranges[p];
      int[] out = new int[r.length];
      for (int k = 0; k < r.length; k += 2) {
        out[k] = r[k];
        out[k + 1] = r[k + 1] + 1;
      }
      return out;
    }
    return AROUND_SLASH;
  }

  private Dfa build() {
    List<BitSet> states = new ArrayList<>();
    Map<BitSet, Integer> index = new HashMap<>();
    BitSet start = new BitSet();
    close(0, start);
    states.add(start);
    index.put(start, 0);
    List<Boolean> accept = new ArrayList<>();
    List<char[]> mins = new ArrayList<>();
    List<char[]> maxs = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    for (int s = 0; s < states.size(); s++) {
      BitSet set = states.get(s);
      // Interval starts: 0 and every point where some position's behaviour changes.
      int[] points = new int[8];
      int np = 0;
      points[np++] = 0;
      for (int p = set.nextSetBit(0); p >= 0; p = set.nextSetBit(p + 1)) {
        int[] mine = boundaries(p);
        if (np + mine.length > points.length) {
          points = Arrays.copyOf(points, 2 * (np + mine.length));
        }
        System.arraycopy(mine, 0, points, np, mine.length);
        np += mine.length;
      }
      Arrays.sort(points, 0, np);
      List<int[]> trans = new ArrayList<>();
      for (int i = 0; i < np; i++) {
        int lo = points[i];
        if ((i > 0 && lo == points[i - 1]) || lo > 0xffff) {
          continue;
        }
        int j = i + 1;
        while (j < np && points[j] == lo) {
          j++;
        }
        int hi = (j < np ? Math.min(points[j], 0x10000) : 0x10000) - 1;
        BitSet to = new BitSet();
        for (int p = set.nextSetBit(0); p >= 0; p = set.nextSetBit(p + 1)) {
          step(p, (char) lo, to);
        }
        if (!to.isEmpty()) {
          Integer t = index.get(to);
          if (t == null) {
            t = states.size();
            states.add(to);
            index.put(to, t);
          }
          int[] last = trans.isEmpty() ? null : trans.get(trans.size() - 1);
          if (last != null && last[1] + 1 == lo && last[2] == t) {
            last[1] = hi;
          } else {
            trans.add(new int[] {lo, hi, t});
          }
        }
      }
      accept.add(set.get(m - 1) || set.get(all));
      char[] lo = new char[trans.size()];
      char[] hi = new char[trans.size()];
      int[] to = new int[trans.size()];
      for (int k = 0; k < trans.size(); k++) {
        lo[k] = (char) trans.get(k)[0];
        hi[k] = (char) trans.get(k)[1];
        to[k] = trans.get(k)[2];
      }
      mins.add(lo);
      maxs.add(hi);
      targets.add(to);
    }
    boolean[] acc = new boolean[states.size()];
    for (int s = 0; s < acc.length; s++) {
      acc[s] = accept.get(s);
    }
    return new Dfa(
        acc,
        mins.toArray(new char[0][]),
        maxs.toArray(new char[0][]),
        targets.toArray(new int[0][]));
  }

  @Override
  public String toString() {
    return "GlobCompiler" + Arrays.toString(kind);
  }
}
