package dev.lanes.integrate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds the lanes that break a wave gate by bisecting over the wave's landed lanes in landing
 * order.
 *
 * <p>Given that the whole list fails and the empty list passes, it binary-searches the shortest
 * failing prefix; that prefix's last lane is a breaker: everything before it passes together, and
 * adding it fails (so of two lanes that pass alone but fail together, the later one is blamed and
 * the earlier one lands). The breaker is taken out and, unless it was the last lane, the rest is
 * tried again, the search starting after the prefix already known to pass. For a gate where adding
 * lanes never turns a failure into a pass, the result is exactly that of trying the lanes one by
 * one in order and keeping each that still passes, with about {@code log2 n} gate runs per breaker
 * instead of {@code n}.
 */
public final class WaveBisector {
  private WaveBisector() {}

  /**
   * Splits {@code items} (whose whole list is known to fail {@code passes}) into the kept ones and
   * the breakers, each breaker with the kept lanes it was tried on top of.
   */
  public static <T> Bisection<T> bisect(List<T> items, Predicate<List<T>> passes) {
    List<T> kept = new ArrayList<>(items);
    List<Bisection.Breaker<T>> breakers = new ArrayList<>();
    int good = 0; // the longest prefix of kept known to pass
    boolean failing = !kept.isEmpty();
    while (failing) {
      int bad = kept.size(); // a prefix length known to fail
      while (bad - good > 1) {
        int mid = (good + bad) >>> 1;
        if (passes.test(List.copyOf(kept.subList(0, mid)))) {
          good = mid;
        } else {
          bad = mid;
        }
      }
      T breaker = kept.remove(bad - 1);
      breakers.add(new Bisection.Breaker<>(breaker, List.copyOf(kept.subList(0, bad - 1))));
      good = bad - 1;
      failing = good < kept.size() && !passes.test(List.copyOf(kept));
    }
    return new Bisection<>(List.copyOf(kept), List.copyOf(breakers));
  }
}
