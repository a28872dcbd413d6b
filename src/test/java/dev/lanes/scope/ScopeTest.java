package dev.lanes.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {
  private final Scope tui =
      Scope.of(List.of("internal/tui/**", "docs/tui.md"), List.of("internal/tui/legacy/**"));

  @Test
  void outOfScopeIsSubtracted() {
    assertThat(tui.contains("internal/tui/view.go")).isTrue();
    assertThat(tui.contains("internal/tui/deep/er/x.go")).isTrue();
    assertThat(tui.contains("docs/tui.md")).isTrue();
    assertThat(tui.contains("internal/tui/legacy/old.go")).isFalse();
    assertThat(tui.contains("internal/tui/legacy/a/b.go")).isFalse();
    assertThat(tui.contains("internal/tuix/a.go")).isFalse();
    assertThat(tui.contains("docs/other.md")).isFalse();
  }

  @Test
  void compiledScopeAgreesWithContains() {
    CompiledScope compiled = CompiledScope.of(tui);
    for (String path :
        List.of(
            "internal/tui/view.go",
            "internal/tui/legacy/old.go",
            "docs/tui.md",
            "docs/tui.md/x",
            "docs/other.md",
            "internal/tui")) {
      assertThat(compiled.accepts(path)).as(path).isEqualTo(tui.contains(path));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PLAN.md",
        "AGENTS.md",
        "ledger/L-001/001-dispatch.md",
        ".lanes/worktrees/L-001/x",
        ".git/config",
        "ledger",
      })
  void neverInScopeWhateverTheGlobsSay(String path) {
    Scope everything = Scope.of(List.of("**", "*.md", "ledger/**", ".lanes/", ".git"), List.of());
    assertThat(everything.contains(path)).isFalse();
    assertThat(Scope.neverInScope(path)).isTrue();
    assertThat(CompiledScope.of(everything).accepts(path)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"docs/PLAN.md", "src/AGENTS.md", "ledgers/x", "a/ledger/x", "PLAN.mdx"})
  void lookalikesStayInScope(String path) {
    Scope everything = Scope.of(List.of("**"), List.of());
    assertThat(everything.contains(path)).isTrue();
    assertThat(CompiledScope.of(everything).accepts(path)).isTrue();
  }

  @Test
  void scopeOnlyOfNeverInScopeIsEmpty() {
    CompiledScope ledgerOnly =
        CompiledScope.of(Scope.of(List.of("ledger/**", "PLAN.md"), List.of()));
    CompiledScope everything = CompiledScope.of(Scope.of(List.of("**"), List.of()));
    assertThat(ledgerOnly.isEmpty()).isTrue();
    assertThat(ledgerOnly.touches(everything)).isFalse();
  }

  @Test
  void overlapGivesAShortestPathInBoth() {
    CompiledScope a = CompiledScope.of(Scope.of(List.of("src/new/**"), List.of()));
    CompiledScope b = CompiledScope.of(Scope.of(List.of("src/*/x.txt"), List.of()));
    assertThat(a.overlap(b)).hasValue("src/new/x.txt");
    assertThat(b.overlap(a)).hasValue("src/new/x.txt");
    CompiledScope c = CompiledScope.of(Scope.of(List.of("src/old/**"), List.of()));
    assertThat(a.overlap(c)).isEmpty();
    assertThat(a.touches(c)).isFalse();
  }

  @Test
  void excludeCanRemoveTheWholeOverlap() {
    CompiledScope a = CompiledScope.of(Scope.of(List.of("src/**"), List.of("src/gen/**")));
    CompiledScope b = CompiledScope.of(Scope.of(List.of("src/gen/**"), List.of()));
    CompiledScope c = CompiledScope.of(Scope.of(List.of("src/gen"), List.of()));
    assertThat(a.touches(b)).isFalse();
    // `src/gen/**` is everything under src/gen, not a file named src/gen.
    assertThat(a.overlap(c)).hasValue("src/gen");
    assertThat(a.overlap(CompiledScope.of(Scope.of(List.of("**/*.java"), List.of()))))
        .hasValue("src/.java");
  }
}
