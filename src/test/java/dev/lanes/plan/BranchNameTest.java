package dev.lanes.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** git's branch-name rules, as lane ids and {@code target:} use them. */
class BranchNameTest {
  @ParameterizedTest
  @ValueSource(strings = {"main", "release/1.x", "lanes/L-001", "feature/a.b_c-d", "a@b"})
  void namesGitAcceptsPass(String name) {
    assertThat(BranchName.problem(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "../../etc; rm -rf /",
        "a..b",
        "a.lock",
        "x/a.lock/y",
        "a.",
        ".hidden",
        "x/.hidden",
        "a b",
        "a~1",
        "a^",
        "a:b",
        "a?",
        "a*",
        "a[b",
        "a\\b",
        "a@{1}",
        "a//b",
        "/a",
        "a/",
        "-a",
        "@",
        "HEAD",
        "a\tb"
      })
  void namesGitRefusesAreNamedWithAReason(String name) {
    assertThat(BranchName.problem(name)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a..b", "a.lock", "a.", "1abc", "a/b", "a b"})
  void laneIdsThatCannotBeABranchAreNotLaneIds(String id) {
    assertThat(LaneId.isValid(id)).isFalse();
    assertThat(LaneId.problem(id)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100})
  void laneIdsUpToTheLimitAreFine(int length) {
    assertThat(LaneId.isValid("L" + "x".repeat(length - 1))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {101, 300})
  void longerLaneIdsAreRefused(int length) {
    assertThat(LaneId.problem("L" + "x".repeat(length - 1)).orElseThrow())
        .contains(length + " characters");
  }
}
