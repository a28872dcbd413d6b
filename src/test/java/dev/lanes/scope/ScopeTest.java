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
  void theOracleAgreesWithContains() {
    BricsScope oracle = BricsScope.of(tui);
    for (String path :
        List.of(
            "internal/tui/view.go",
            "internal/tui/legacy/old.go",
            "docs/tui.md",
            "docs/tui.md/x",
            "docs/other.md",
            "internal/tui")) {
      assertThat(oracle.accepts(path)).as(path).isEqualTo(tui.contains(path));
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
    assertThat(BricsScope.of(everything).accepts(path)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"docs/PLAN.md", "src/AGENTS.md", "ledgers/x", "a/ledger/x", "PLAN.mdx"})
  void lookalikesStayInScope(String path) {
    Scope everything = Scope.of(List.of("**"), List.of());
    assertThat(everything.contains(path)).isTrue();
    assertThat(BricsScope.of(everything).accepts(path)).isTrue();
  }

  @Test
  void scopeOnlyOfNeverInScopeIsEmpty() {
    Scope ledgerOnly = Scope.of(List.of("ledger/**", "PLAN.md"), List.of());
    Scope everything = Scope.of(List.of("**"), List.of());
    assertThat(BricsScope.of(ledgerOnly).isEmpty()).isTrue();
    assertThat(ledgerOnly.overlap(ledgerOnly)).isEmpty();
    assertThat(ledgerOnly.overlap(everything)).isEmpty();
  }

  @Test
  void overlapGivesAShortestPathInBoth() {
    Scope a = Scope.of(List.of("src/new/**"), List.of());
    Scope b = Scope.of(List.of("src/*/x.txt"), List.of());
    assertThat(a.overlap(b)).hasValue("src/new/x.txt");
    assertThat(b.overlap(a)).hasValue("src/new/x.txt");
    Scope c = Scope.of(List.of("src/old/**"), List.of());
    assertThat(a.overlap(c)).isEmpty();
  }

  @Test
  void excludeCanRemoveTheWholeOverlap() {
    Scope a = Scope.of(List.of("src/**"), List.of("src/gen/**"));
    Scope b = Scope.of(List.of("src/gen/**"), List.of());
    Scope c = Scope.of(List.of("src/gen"), List.of());
    assertThat(a.overlap(b)).isEmpty();
    // `src/gen/**` is everything under src/gen, not a file named src/gen.
    assertThat(a.overlap(c)).hasValue("src/gen");
    assertThat(a.overlap(Scope.of(List.of("**/*.java"), List.of()))).hasValue("src/.java");
  }
}
