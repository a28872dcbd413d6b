package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import org.junit.jupiter.api.Test;

/** A lane after a failed or blocked attempt: resumed, dispatched again, or refused. */
class DispatchRetryTest extends DispatchScenarioTest {
  @Test
  void aLaneGateFailingOnceAndPassingOnItsRetryHandsTheLaneOffNamingTheFlakyGate() {
    String flag = s.tmp.resolve("failed-once").toString();
    ScriptedAgent agent = s.agent("script", "echo 'class A { int a; }' > src/a/A.java\n");
    s.repo.write(
        "AGENTS.md",
        ScriptedAgent.agentsFile("", "", java.util.List.of(agent))
            .replace("- max-parallel: 2\n", "- max-parallel: 2\n- retries: 1\n")
            .replace(
                "| 1 | unit | `true` | lane, patch | 5m |",
                "| 1 | unit | `[ -e "
                    + flag
                    + " ] || { touch "
                    + flag
                    + "; exit 1; }` | lane | 5m |"));
    s.repo.write("PLAN.md", dev.lanes.testing.Fixtures.plan(lane("L-1", "src/a/**", "")));
    s.repo.commit("base");

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run).succeeded();
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.entry("L-1", "handoff"))
        .contains("lane gate 1 (unit) failed with exit 1, then passed on retry 1")
        .contains("flaky, not blamed");
  }

  @Test
  void aLaneFailedOnScopeIsResumedUndoesTheStrayEditAndTakesANewLock() {
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            if [ "$LANES_ATTEMPT" = 1 ]; then
              echo 'class A { int a; }' > src/a/A.java
              echo 'class B { int stray; }' > src/b/B.java
              exit 0
            fi
            git checkout "$LANES_BASE" -- src/b/B.java
            """);
    s.setUp(lane("L-1", "src/a/**", ""), agent);
    assertThat(s.lanes("dispatch", "L-1").exitCode()).isEqualTo(1);
    assertThat(s.locks()).isEmpty();

    TestRepo.Run resume = s.lanes("resume", "L-1");

    assertThat(resume).succeeded();
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.board("L-1").attempt()).isEqualTo(2);
    assertThat(s.lockOf("L-1")).as("a new lock for the resumed lane").isPresent();
    String handoff = s.entry("L-1", "handoff");
    assertThat(handoff).contains("modified: `src/a/A.java`").doesNotContain("src/b/B.java");
    String patch = s.repo.read(".lanes/run/L-1/2.patch");
    assertThat(patch).contains("src/a/A.java").doesNotContain("src/b/B.java");
    assertThat(s.repo.read(".lanes/run/L-1/prompt.md"))
        .contains("Why it stopped: scope:")
        .contains("src/b/B.java");
  }

  @Test
  void aLaneSetBackToPlannedByHandStartsAFreshAttemptFromTheBase() {
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            if [ "$LANES_ATTEMPT" = 1 ]; then
              echo 'half done' > src/a/half.txt
              exit 1
            fi
            test ! -e src/a/half.txt || { echo 'attempt 1 leftovers'; exit 5; }
            echo 'class A { int fresh; }' > src/a/A.java
            """);
    s.setUp(lane("L-1", "src/a/**", ""), agent);
    assertThat(s.lanes("dispatch", "L-1").exitCode()).isEqualTo(1);
    s.setBoardStatus("L-1", "planned");

    TestRepo.Run again = s.lanes("dispatch", "L-1");

    assertThat(again).succeeded();
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.board("L-1").attempt()).isEqualTo(2);
    assertThat(s.entry("L-1", "handoff"))
        .contains("modified: `src/a/A.java`")
        .doesNotContain("half.txt");
    assertThat(s.ledger("L-1"))
        .containsExactly("001-dispatch.md", "002-failure.md", "003-dispatch.md", "004-handoff.md");
  }

  @Test
  void dispatchingABlockedLaneWhoseLockIsLiveIsBusy() {
    ScriptedAgent agent = s.agent("script", "echo x > src/a/x.txt\nexit 77\n");
    s.setUp(lane("L-1", "src/a/**", ""), agent);
    assertThat(s.lanes("dispatch", "L-1").exitCode()).isZero();
    String before = s.repo.read("PLAN.md");
    String lock = s.lockOf("L-1").orElseThrow().lockId();

    TestRepo.Run again = s.lanes("dispatch", "L-1");

    assertThat(again).exitedWith(3);
    assertThat(again.err()).contains("L-1 is blocked").contains(lock).contains("lanes resume L-1");
    assertThat(s.repo.read("PLAN.md")).isEqualTo(before);
    assertThat(s.ledger("L-1")).containsExactly("001-dispatch.md", "002-failure.md");
  }
}
