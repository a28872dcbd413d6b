package dev.lanes.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ScopeIndexTest {
  private static Scope scope(List<String> include, List<String> exclude) {
    return Scope.of(include, exclude);
  }

  private static final List<String> FILES =
      List.of(
          "PLAN.md",
          "README.md",
          "docs/tui.md",
          "docs/api.md",
          "internal/tui/view.go",
          "internal/tui/keys.go",
          "internal/tui/legacy/old.go",
          "internal/api/server.go",
          "ledger/L-001/001-dispatch.md");

  @Test
  void filesAreTheTrackedFilesInTheEffectiveScope() {
    ScopeIndex index =
        ScopeIndex.build(
            List.of(
                scope(List.of("internal/tui/**", "docs/tui.md"), List.of("internal/tui/legacy/**")),
                scope(List.of("**/*.md"), List.of())),
            FILES);
    assertThat(index.files(0))
        .containsExactly("docs/tui.md", "internal/tui/keys.go", "internal/tui/view.go");
    // PLAN.md and ledger/ are never in scope, even for **/*.md.
    assertThat(index.files(1)).containsExactly("README.md", "docs/api.md", "docs/tui.md");
  }

  @Test
  void trackedFileOverlapsAreCounted() {
    ScopeIndex index =
        ScopeIndex.build(
            List.of(
                scope(List.of("internal/tui/**", "docs/tui.md"), List.of()),
                scope(List.of("internal/api/**"), List.of()),
                scope(List.of("internal/**/*.go"), List.of("internal/tui/legacy/**")),
                scope(List.of("docs/"), List.of())),
            FILES);
    assertThat(index.overlaps())
        .containsExactly(
            new Overlap(0, 2, 2, "internal/tui/keys.go"),
            new Overlap(0, 3, 1, "docs/tui.md"),
            new Overlap(1, 2, 1, "internal/api/server.go"));
  }

  @Test
  void symbolicOnlyOverlapNeedsNoFiles() {
    ScopeIndex index =
        ScopeIndex.build(
            List.of(
                scope(List.of("src/new/**"), List.of()),
                scope(List.of("src/*/x.txt"), List.of()),
                scope(List.of("src/old/*.md"), List.of())),
            List.of());
    assertThat(index.overlaps()).containsExactly(new Overlap(0, 1, 0, "src/new/x.txt"));
    assertThat(index.files(0)).isEmpty();
  }

  @Test
  void anExcludedShortestPathDoesNotHideALongerOverlap() {
    ScopeIndex index =
        ScopeIndex.build(
            List.of(
                scope(List.of("src/**"), List.of("src/x")),
                scope(List.of("src/*/y"), List.of()),
                scope(List.of("src/**"), List.of("src/*/y")),
                scope(List.of("src/x/**"), List.of())),
            List.of("src/x/y"));
    assertThat(index.overlaps())
        .containsExactly(
            new Overlap(0, 1, 0, "src/a/y"),
            new Overlap(0, 2, 0, "src/a"),
            new Overlap(1, 3, 1, "src/x/y"),
            new Overlap(2, 3, 0, "src/x/x"));
  }

  @Test
  void touchingFindsTheScopesThatMeetAHotspot() {
    ScopeIndex index =
        ScopeIndex.build(
            List.of(
                scope(List.of("src/**"), List.of("src/gen/**")),
                scope(List.of("build.gradle", "docs/**"), List.of()),
                scope(List.of("**/*.gradle"), List.of()),
                scope(List.of("src/gen/**"), List.of()),
                scope(List.of("ledger/**"), List.of())),
            List.of());
    BitSet gradle = index.touching(List.of(Glob.of("*.gradle")));
    assertThat(gradle.stream().toArray()).containsExactly(1, 2);
    BitSet generated = index.touching(List.of(Glob.of("src/gen/*.java")));
    assertThat(generated.stream().toArray()).containsExactly(2, 3);
    BitSet both = index.touching(List.of(Glob.of("src/gen/*.java"), Glob.of("build.gradle")));
    assertThat(both.stream().toArray()).containsExactly(1, 2, 3);
    assertThat(index.touching(List.of(Glob.of("ledger/**"), Glob.of("PLAN.md"))).isEmpty())
        .isTrue();
  }

  @Test
  void buildIsDeterministic() {
    List<Scope> scopes = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (int m = 0; m < 40; m++) {
      String mod = String.format("mod%02d", m);
      files.add(mod + "/build.gradle");
      files.add(mod + "/README.md");
      files.add(mod + "/src/A.java");
      List<String> include = new ArrayList<>(List.of(mod + "/src/**", mod + "/*.md"));
      if (m % 5 == 0) {
        include.add("**/*.gradle");
      }
      scopes.add(scope(include, m % 3 == 0 ? List.of(mod + "/src/gen/**") : List.of()));
    }
    ScopeIndex first = ScopeIndex.build(scopes, files);
    List<String> reversed = new ArrayList<>(files);
    java.util.Collections.reverse(reversed);
    ScopeIndex second = ScopeIndex.build(scopes, reversed);
    assertThat(second.overlaps()).isEqualTo(first.overlaps());
    for (int i = 0; i < scopes.size(); i++) {
      assertThat(second.files(i)).isEqualTo(first.files(i));
    }
    // 8 scopes hold **/*.gradle: every pair of them shares the 40 gradle files, and each meets
    // every other scope under its src/** or *.md (a path like modNN/src/.gradle).
    assertThat(first.overlaps()).hasSize(8 * 7 / 2 + 8 * 32);
    assertThat(first.overlaps()).filteredOn(o -> o.sharedTrackedFiles() == 40).hasSize(28);
  }

  private static final Gen<String> GLOB =
      lists()
          .of(arbitrary().pick("a", "b", "ab", "x.md", "*", "?", "**", "*.md", "a*", "[ab]"))
          .ofSizeBetween(1, 3)
          .zip(booleans().all(), (s, slash) -> String.join("/", s) + (slash ? "/" : ""));

  private static final Gen<Scope> SCOPE =
      lists().of(GLOB).ofSizeBetween(1, 3).zip(lists().of(GLOB).ofSizeBetween(0, 1), Scope::of);

  @Test
  void overlapsAreExactlyThePairsWhoseOracleScopesTouch() {
    List<String> files = List.of("a/b", "ab/x.md", "x.md", "a/ab/b", "b/a", "ledger/a");
    qt().withExamples(150)
        .forAll(lists().of(SCOPE).ofSizeBetween(2, 8))
        .checkAssert(
            scopes -> {
              List<BricsScope> compiled = scopes.stream().map(BricsScope::of).toList();
              ScopeIndex index = ScopeIndex.build(scopes, files);
              List<String> expected = new ArrayList<>();
              for (int a = 0; a < scopes.size(); a++) {
                for (int b = a + 1; b < scopes.size(); b++) {
                  if (compiled.get(a).touches(compiled.get(b))) {
                    expected.add(a + "-" + b);
                  }
                }
              }
              assertThat(index.overlaps().stream().map(o -> o.a() + "-" + o.b()).toList())
                  .isEqualTo(expected);
              for (Overlap o : index.overlaps()) {
                Scope a = scopes.get(o.a());
                Scope b = scopes.get(o.b());
                assertThat(a.contains(o.example()) && b.contains(o.example())).isTrue();
                long shared = files.stream().filter(f -> a.contains(f) && b.contains(f)).count();
                assertThat(o.sharedTrackedFiles()).isEqualTo((int) shared);
              }
              Glob hotspot = scopes.get(0).include().get(0);
              BitSet touching = index.touching(List.of(hotspot));
              BricsScope hot = BricsScope.of(Scope.of(List.of(hotspot.text()), List.of()));
              for (int a = 0; a < scopes.size(); a++) {
                assertThat(touching.get(a)).isEqualTo(compiled.get(a).touches(hot));
              }
            });
  }
}
