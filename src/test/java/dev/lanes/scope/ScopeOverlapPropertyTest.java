package dev.lanes.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The symbolic overlap test against brute force over every path of a small alphabet.
 *
 * <p>The engine ({@link Scope#contains}, {@link Scope#overlap} and {@link ScopeIndex}, all on the
 * DFAs of {@link GlobCompiler}) is checked against two oracles kept in test scope only: {@link
 * BacktrackingGlob} (segment by segment) and {@link BricsScope} (dk.brics automata).
 */
class ScopeOverlapPropertyTest {
  private static final List<String> NAMES = List.of("a", "b", "ab", "x.md", "ledger");
  private static final int DEPTH = 3;
  private static final List<String> PATHS = allPaths();

  private static final Gen<String> SEGMENT =
      arbitrary().pick("a", "b", "ab", "x.md", "*", "?", "**", "*.md", "a*", "[ab]", "ledger");

  private static final Gen<String> GLOB =
      lists()
          .of(SEGMENT)
          .ofSizeBetween(1, 3)
          .zip(
              booleans().all(),
              (segments, slash) -> String.join("/", segments) + (slash ? "/" : ""));

  private static final Gen<Scope> SCOPE =
      lists()
          .of(GLOB)
          .ofSizeBetween(1, 2)
          .zip(
              lists().of(GLOB).ofSizeBetween(0, 1),
              (include, exclude) -> Scope.of(include, exclude));

  private static List<String> allPaths() {
    List<String> out = new ArrayList<>();
    List<String> level = List.of("");
    for (int d = 1; d <= DEPTH; d++) {
      List<String> next = new ArrayList<>();
      for (String prefix : level) {
        for (String name : NAMES) {
          next.add(prefix.isEmpty() ? name : prefix + "/" + name);
        }
      }
      out.addAll(next);
      level = next;
    }
    return List.copyOf(out);
  }

  private static boolean withinBound(String path) {
    String[] parts = path.split("/", -1);
    return parts.length <= DEPTH && Set.copyOf(NAMES).containsAll(List.of(parts));
  }

  @Test
  void symbolicOverlapIsSoundAndCompleteAgainstBruteForce() {
    qt().withExamples(600)
        .forAll(SCOPE, SCOPE)
        .checkAssert(
            (x, y) -> {
              BricsScope ox = BricsScope.of(x);
              BricsScope oy = BricsScope.of(y);
              List<String> common = new ArrayList<>();
              for (String path : PATHS) {
                boolean inX = BacktrackingGlob.contains(x, path);
                boolean inY = BacktrackingGlob.contains(y, path);
                assertThat(x.contains(path)).as("%s on %s", x, path).isEqualTo(inX);
                assertThat(ox.accepts(path)).as("automaton of %s on %s", x, path).isEqualTo(inX);
                if (inX && inY) {
                  common.add(path);
                }
              }
              Optional<String> overlap = x.overlap(y);
              assertThat(overlap.isPresent()).as("%s vs %s", x, y).isEqualTo(ox.touches(oy));
              // (1) an example is really in both scopes
              overlap.ifPresent(
                  example -> {
                    assertThat(ox.accepts(example)).as("%s in %s", example, x).isTrue();
                    assertThat(oy.accepts(example)).as("%s in %s", example, y).isTrue();
                  });
              // (2) brute force finding a common path means the symbolic test says yes
              if (!common.isEmpty()) {
                assertThat(overlap).as("%s vs %s share %s", x, y, common).isPresent();
              }
              // (3) a symbolic example within the bound is found by brute force too
              if (overlap.isPresent() && withinBound(overlap.get())) {
                assertThat(common).contains(overlap.get());
              }
              // The index, with its own automata, agrees on symbolic and tracked-file overlap.
              ScopeIndex symbolic = ScopeIndex.build(List.of(x, y), List.of());
              assertThat(symbolic.overlaps().isEmpty()).isEqualTo(overlap.isEmpty());
              symbolic
                  .overlaps()
                  .forEach(
                      o -> {
                        assertThat(ox.accepts(o.example())).as(o.example()).isTrue();
                        assertThat(oy.accepts(o.example())).as(o.example()).isTrue();
                      });
              ScopeIndex tracked = ScopeIndex.build(List.of(x, y), PATHS);
              int shared =
                  tracked.overlaps().isEmpty() ? 0 : tracked.overlaps().get(0).sharedTrackedFiles();
              assertThat(shared).isEqualTo(common.size());
              assertThat(tracked.files(0))
                  .isEqualTo(PATHS.stream().filter(x::contains).sorted().toList());
            });
  }

  @Test
  void globDfaAgreesWithTheBacktrackingMatcher() {
    qt().withExamples(400)
        .forAll(GLOB)
        .checkAssert(
            text -> {
              Glob glob = Glob.of(text);
              Dfa dfa = GlobCompiler.compile(glob.pattern());
              for (String path : PATHS) {
                boolean expected = BacktrackingGlob.matches(glob, path);
                assertThat(dfa.run(path)).as("%s on %s", glob, path).isEqualTo(expected);
                assertThat(glob.matches(path)).as("%s on %s", glob, path).isEqualTo(expected);
              }
              assertThat(Glob.of(glob.text())).isEqualTo(glob);
            });
  }
}
