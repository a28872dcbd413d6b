package dev.lanes.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.scope.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lock scope cells overlap exactly when some path is in both, whether the answer comes from their
 * literal prefixes alone or from their automata.
 */
class LockScopesTest {
  private final LockScopes scopes = new LockScopes();

  @Test
  void scopesUnderDifferentFoldersAreApart() {
    assertThat(scopes.overlaps("mod00/**", "mod01/**")).isFalse();
    assertThat(scopes.overlaps("src/a/**, docs/a.md", "src/b/**, docs/b.md")).isFalse();
  }

  @Test
  void aFolderAndAGlobBelowItOverlap() {
    assertThat(scopes.overlaps("src/**", "src/a/*.java")).isTrue();
    assertThat(scopes.overlaps("src/a/*.java", "src")).isTrue();
  }

  @Test
  void aGlobOpeningWithAnyFoldersMeetsEveryFolder() {
    assertThat(scopes.overlaps("**/pom.xml", "mod07/**")).isTrue();
  }

  @Test
  void globsUnderOneFolderCanStillBeApart() {
    // Same literal prefix `src/`: only the automata tell that no name ends in both.
    assertThat(scopes.overlaps("src/*.java", "src/*.md")).isFalse();
    assertThat(scopes.overlaps("src/*.java", "src/A*")).isTrue();
  }

  @Test
  void anExclusionCanKeepPrefixCompatibleScopesApart() {
    assertThat(scopes.overlaps("src/**, !src/legacy/**", "src/legacy/**")).isFalse();
    assertThat(scopes.overlaps("src/**, !src/legacy/**", "src/legacy/**, src/new/**")).isTrue();
  }

  @Test
  void theAnswerIsTheSameWhateverTheOrder() {
    List<String> cells =
        List.of("mod00/**", "src/**", "src/a/*.java", "**/pom.xml", "src/*.md", "docs/a.md");
    for (String a : cells) {
      for (String b : cells) {
        assertThat(scopes.overlaps(a, b)).as(a + " / " + b).isEqualTo(scopes.overlaps(b, a));
        boolean samePath =
            List.of("mod00/x", "src/a/A.java", "src/b/pom.xml", "docs/a.md", "src/c/pom.xml")
                .stream()
                .anyMatch(p -> contains(a, p) && contains(b, p));
        if (samePath) {
          assertThat(scopes.overlaps(a, b)).as(a + " / " + b).isTrue();
        }
      }
    }
  }

  private static boolean contains(String cell, String path) {
    var lock = dev.lanes.lock.LockScope.parse(cell);
    return Scope.of(lock.include(), lock.exclude()).contains(path);
  }
}
