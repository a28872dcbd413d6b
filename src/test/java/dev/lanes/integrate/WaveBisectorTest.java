package dev.lanes.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The wave bisector on gates that fail for chosen lanes alone or chosen pairs together. */
class WaveBisectorTest {

  /** Fails when a bad lane is in, or both lanes of a bad pair. */
  private static Predicate<List<Integer>> gate(Set<Integer> bad, List<int[]> pairs) {
    return subset ->
        subset.stream().noneMatch(bad::contains)
            && pairs.stream().noneMatch(p -> subset.contains(p[0]) && subset.contains(p[1]));
  }

  /** The one-by-one answer: try each lane on top of the kept ones, in order. */
  private static List<Integer> oneByOne(List<Integer> items, Predicate<List<Integer>> passes) {
    List<Integer> kept = new ArrayList<>();
    for (Integer i : items) {
      kept.add(i);
      if (!passes.test(kept)) {
        kept.remove(kept.size() - 1);
      }
    }
    return kept;
  }

  @Test
  void ofTwoLanesPassingAloneButFailingTogetherTheLaterIsTheBreaker() {
    Bisection<Integer> b =
        WaveBisector.bisect(List.of(1, 2), gate(Set.of(), List.of(new int[] {1, 2})));
    assertThat(b.kept()).containsExactly(1);
    assertThat(b.breakers())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.item()).isEqualTo(2);
              assertThat(x.before()).containsExactly(1);
            });
  }

  @Test
  void aLaneFailingAloneIsTheOnlyBreaker() {
    Bisection<Integer> b = WaveBisector.bisect(List.of(1, 2, 3, 4, 5), gate(Set.of(4), List.of()));
    assertThat(b.kept()).containsExactly(1, 2, 3, 5);
    assertThat(b.breakers()).extracting(Bisection.Breaker::item).containsExactly(4);
  }

  @Test
  void agreesWithOneByOneAndKeepsAPassingSetWithFewGateRuns() {
    qt().withExamples(500)
        .forAll(
            integers().between(1, 24),
            lists().of(integers().between(0, 23)).ofSizeBetween(0, 3),
            lists().of(integers().between(0, 23)).ofSizeBetween(0, 6))
        .checkAssert(
            (n, badList, pairEnds) -> {
              List<Integer> items = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                items.add(i);
              }
              List<int[]> pairs = new ArrayList<>();
              for (int i = 0; i + 1 < pairEnds.size(); i += 2) {
                if (!pairEnds.get(i).equals(pairEnds.get(i + 1))) {
                  pairs.add(new int[] {pairEnds.get(i), pairEnds.get(i + 1)});
                }
              }
              Predicate<List<Integer>> passes = gate(Set.copyOf(badList), pairs);
              if (passes.test(items)) {
                return; // the bisector only runs on a failing wave
              }
              AtomicInteger runs = new AtomicInteger();
              Bisection<Integer> b =
                  WaveBisector.bisect(
                      items,
                      s -> {
                        runs.incrementAndGet();
                        return passes.test(s);
                      });
              assertThat(b.kept()).isEqualTo(oneByOne(items, passes));
              assertThat(passes.test(b.kept())).isTrue();
              List<Integer> all = new ArrayList<>(b.kept());
              b.breakers().forEach(x -> all.add(x.item()));
              assertThat(all).containsExactlyInAnyOrderElementsOf(items);
              int log = 32 - Integer.numberOfLeadingZeros(n);
              assertThat(runs.get()).isLessThanOrEqualTo(b.breakers().size() * (log + 1));
            });
  }
}
