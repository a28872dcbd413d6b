package dev.lanes.scope;

import java.util.BitSet;
import java.util.List;

/**
 * The tracked paths, sorted with '/' below every other character and numbered in that order.
 *
 * <p>In that order all paths under a folder are consecutive, and so are all paths sharing any
 * prefix. A glob's automaton walks the shared prefixes once each: a run of paths is dropped as soon
 * as the automaton dies on their common prefix, and taken whole as soon as it accepts a folder they
 * all lie under (a glob that matches a path matches everything under it).
 */
final class SortedPaths {
  private final String[] paths;

  private SortedPaths(String[] paths) {
    this.paths = paths;
  }

  /** {@code trackedFiles} sorted, without duplicates. */
  static SortedPaths of(List<String> trackedFiles) {
    // With '/' mapped to NUL, which no path holds, the natural order is the slash-first order.
    return new SortedPaths(
        trackedFiles.stream()
            .map(p -> p.replace('/', '\0'))
            .sorted()
            .distinct()
            .map(p -> p.replace('\0', '/'))
            .toArray(String[]::new));
  }

  int size() {
    return paths.length;
  }

  String path(int id) {
    return paths[id];
  }

  /** Adds to {@code out} the ids of the paths {@code glob} (from {@link GlobCompiler}) accepts. */
  void match(Dfa glob, BitSet out) {
    walk(glob, 0, paths.length, 0, 0, out);
  }

  /** Adds the accepted ids of {@code [lo, hi)}, which share their first {@code d} chars. */
  private void walk(Dfa dfa, int lo, int hi, int d, int state, BitSet out) {
    while (lo < hi) {
      if (paths[lo].length() == d) {
        if (dfa.accepts(state)) {
          out.set(lo);
        }
        lo++;
        continue;
      }
      char c = paths[lo].charAt(d);
      int end = groupEnd(lo, hi, d, c);
      int next = dfa.step(state, c);
      if (c == '/' && dfa.accepts(state)) {
        out.set(lo, end);
      } else if (next >= 0 && end == hi) {
        // The last run goes on in this loop rather than a call, so long paths need no deep stack.
        d++;
        state = next;
        continue;
      } else if (next >= 0) {
        walk(dfa, lo, end, d + 1, next, out);
      }
      lo = end;
    }
  }

  /** The end of the run in {@code [lo, hi)} whose char {@code d} is {@code c}. */
  private int groupEnd(int lo, int hi, int d, char c) {
    int a = lo + 1;
    int b = hi;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (order(paths[mid].charAt(d)) <= order(c)) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  private static int order(char c) {
    return c == '/' ? -1 : c;
  }
}
