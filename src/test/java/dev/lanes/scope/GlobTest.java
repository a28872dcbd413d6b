package dev.lanes.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # star stays within one segment
          *.md            | x.md           | true
          *.md            | docs/x.md      | false
          *.md            | x.md/y         | true
          docs/*.md       | docs/a.md      | true
          docs/*.md       | docs/a/b.md    | false
          docs/*          | docs/a/b.md    | true
          a*b             | ab             | true
          a*b             | axxb           | true
          a*b             | a/b            | false
          # question mark is one character, never '/'
          a?c             | abc            | true
          a?c             | ac             | false
          a?c             | a/c            | false
          # classes
          [abc].txt       | b.txt          | true
          [abc].txt       | d.txt          | false
          [a-c].txt       | c.txt          | true
          [!a].txt        | b.txt          | true
          [!a].txt        | a.txt          | false
          [^a].txt        | a.txt          | false
          []].txt         | ].txt          | true
          # double star
          a/**/b          | a/b            | true
          a/**/b          | a/x/b          | true
          a/**/b          | a/x/y/b        | true
          a/**/b          | a/x/y/c        | false
          a/**/b          | b              | false
          **/b            | b              | true
          **/b            | x/y/b          | true
          **/b            | x/b/c          | true
          **/b            | x/bb           | false
          a/**            | a/x            | true
          a/**            | a/x/y          | true
          a/**            | a              | false
          a/**            | ab/x           | false
          **              | anything/at/all | true
          **/             | a              | true
          **/             | a/b            | true
          a/**/           | a/x            | true
          a/**/           | a/x/y          | true
          a/**/           | a              | false
          a**b            | axyb           | true
          a**b            | ax/yb          | false
          # trailing slash and the prefix rule
          src             | src            | true
          src             | src/x/y        | true
          src/            | src/x/y        | true
          src/**          | src/x/y        | true
          src/            | src            | false
          src             | srcx           | false
          src             | x/src          | false
          # escapes
          a\\*b           | a*b            | true
          a\\*b           | axb            | false
          \\[x].md        | [x].md         | true
          # normalisation
          ./src/main      | src/main/x     | true
          src//main/      | src/main/x     | true
          a/./b           | a/b            | true
          """)
  void matchesLikeGitignore(String glob, String path, boolean expected) {
    assertThat(Glob.of(glob).matches(path)).isEqualTo(expected);
    assertThat(BacktrackingGlob.matches(Glob.of(glob), path))
        .as("backtracking oracle agrees for %s ~ %s", glob, path)
        .isEqualTo(expected);
    Scope scope = Scope.of(List.of(glob), List.of());
    assertThat(BricsScope.of(scope).accepts(path))
        .as("dk.brics oracle agrees for %s ~ %s", glob, path)
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ./src/**        | src/**
          src//main///    | src/main/
          a/**/**/b       | a/**/b
          a***b           | a*b
          \\a\\*          | a\\*
          a/./b           | a/b
          [!a-c]x         | [!a-c]x
          """)
  void normalisesText(String glob, String normal) {
    assertThat(Glob.of(glob).text()).isEqualTo(normal);
    assertThat(Glob.of(normal).text()).isEqualTo(normal);
  }

  @ParameterizedTest(name = "{0} -> ''{1}''")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          src/main/*.java | src/main/
          src/ma*         | src/ma
          src/**          | src/
          **/x            | ''
          docs/a.md       | docs/a.md
          a\\*b/c*        | a*b/c
          [ab]/x          | ''
          """)
  void literalPrefixIsWhatEveryMatchStartsWith(String glob, String prefix) {
    assertThat(Glob.of(glob).literalPrefix()).isEqualTo(prefix);
  }

  @ParameterizedTest(name = "[{index}] `{0}`: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''              | it is empty
          '   '           | it is empty
          /etc/passwd     | absolute path
          C:/x            | absolute path
          'C:'            | absolute path
          ../x            | '..' leaves the repository
          a/../b          | '..' leaves the repository
          ./              | repository root
          a/[bc           | never closed
          [z-a]           | backwards
          a\\             | lone backslash
          a\\/b           | cannot be escaped
          """)
  void badGlobsExplainThemselves(String glob, String message) {
    assertThat(Glob.problem(glob)).hasValueSatisfying(m -> assertThat(m).contains(message));
    assertThatThrownBy(() -> Glob.of(glob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("bad glob");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"src/**", "*.md", "a/**/b", "a**b", "C", "C.md", "x:y"})
  void goodGlobsHaveNoProblem(String glob) {
    assertThat(Glob.problem(glob)).isEmpty();
  }
}
