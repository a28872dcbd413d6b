package dev.lanes.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class LockScopeTest {

  @Test
  void writesIncludesThenExclusions() {
    assertThat(LockScope.scopeText(List.of("src/**", "docs/*.md"), List.of("src/legacy/**")))
        .isEqualTo("src/**, docs/*.md, !src/legacy/**");
  }

  @Test
  void readsTheCellBack() {
    assertThat(LockScope.parse("src/**, !src/legacy/**"))
        .isEqualTo(new LockScope(List.of("src/**"), List.of("src/legacy/**")));
  }

  @Test
  void readsHandWrittenSpacingAndSkipsEmptyEntries() {
    assertThat(LockScope.parse(" src/** ,, !  src/legacy/** ,docs/** , ! "))
        .isEqualTo(new LockScope(List.of("src/**", "docs/**"), List.of("src/legacy/**")));
    assertThat(LockScope.parse("")).isEqualTo(new LockScope(List.of(), List.of()));
  }

  @Test
  void aCommaInsideBracesBelongsToTheGlob() {
    String cell = LockScope.scopeText(List.of("src/{api,web}/**"), List.of("**/*.{png,jpg}"));

    assertThat(cell).isEqualTo("src/{api,web}/**, !**/*.{png,jpg}");
    assertThat(LockScope.parse(cell))
        .isEqualTo(new LockScope(List.of("src/{api,web}/**"), List.of("**/*.{png,jpg}")));
  }

  @Test
  void anEscapedCommaDoesNotSplit() {
    assertThat(LockScope.parse("a\\,b, c").include()).containsExactly("a\\,b", "c");
  }

  @Test
  void refusesGlobsThatWouldReadBackDifferently() {
    for (String bad : List.of("", " src/**", "src/** ", "!src/**", "a,b", "src/{a", "a}", "a\\")) {
      assertThatThrownBy(() -> LockScope.scopeText(List.of(bad), List.of()))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> LockScope.scopeText(List.of("src/**"), List.of("!x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesACellNoGlobCouldHave() {
    assertThatThrownBy(() -> LockScope.parse("src/{a, b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LockScope.parse("src/**, !!src/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyScopeReadsBackFromItsText() {
    Gen<String> globs =
        Generate.pick(
                List.of("src", "**", "*", "docs", "{a,b}", "x?y", "{c,{d,e}}", "\\,", "é", "a b"))
            .zip(Generate.pick(List.of("", "/", "/**/", ".md", "-")), String::concat)
            .zip(Generate.pick(List.of("lib", "*.java", "{x,y}", "z")), String::concat);
    qt().withExamples(500)
        .forAll(lists().of(globs).ofSizeBetween(0, 4), lists().of(globs).ofSizeBetween(0, 3))
        .checkAssert(
            (include, exclude) ->
                assertThat(LockScope.parse(LockScope.scopeText(include, exclude)))
                    .isEqualTo(new LockScope(include, exclude)));
  }
}
