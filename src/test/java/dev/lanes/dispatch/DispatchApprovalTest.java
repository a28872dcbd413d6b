package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.LockRow;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import org.junit.jupiter.api.Test;

/** The approval loop: a worker blocks, a person approves, {@code lanes resume} carries on. */
class DispatchApprovalTest extends DispatchScenarioTest {
  @Test
  void exit77BlocksTheLaneAndKeepsItsLock() {
    ScriptedAgent agent =
        s.agent(
            "script", "echo 'class A { int x; }' > src/a/A.java\necho 'need a person'\nexit 77\n");
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run).succeeded();
    assertThat(run.out()).contains("lanes approve L-1").contains("lanes resume L-1");
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.BLOCKED);
    LockRow lock = s.lockOf("L-1").orElseThrow();
    assertThat(lock.scope()).contains("src/a/**");
    assertThat(s.ledger("L-1")).containsExactly("001-dispatch.md", "002-failure.md");
    assertThat(s.entry("L-1", "failure"))
        .contains("- Kind: blocked")
        .contains("exit 77")
        .contains("its lock is kept")
        .contains("need a person");
  }

  @Test
  void anApprovalLineBlocksThenApproveAndResumeFinishInTheSameWorktree() throws Exception {
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            if [ "$LANES_ATTEMPT" = 1 ]; then
              echo 'class A { int firstHalf; }' > src/a/A.java
              echo 'from attempt 1' > src/a/step1.txt
              printf 'risks: none\\napproval: `npm install`\\n' > "$LANES_HANDOFF_FILE"
              exit 0
            fi
            test -f src/a/step1.txt || { echo 'attempt 1 files are gone'; exit 9; }
            grep -q 'npm install' "$LANES_PROMPT_FILE" || { echo 'no approval in prompt'; exit 8; }
            grep -q 'waiting for approval' "$LANES_PROMPT_FILE" || { echo 'no signature'; exit 7; }
            echo 'from attempt 2' > src/a/step2.txt
            """);
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    TestRepo.Run first = s.lanes("dispatch", "L-1");

    assertThat(first).succeeded();
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.BLOCKED);
    String lockId = s.lockOf("L-1").orElseThrow().lockId();
    String failure = s.entry("L-1", "failure");
    assertThat(failure)
        .contains("- Kind: blocked")
        .contains("## Requested approval\n\n`npm install`")
        .contains("lanes approve L-1 --scope \"npm install\"");

    TestRepo.Run approve = s.lanes("approve", "L-1", "--scope", "npm install");

    assertThat(approve).succeeded();
    assertThat(s.ledger("L-1"))
        .containsExactly("001-dispatch.md", "002-failure.md", "003-approval.md");
    assertThat(s.entry("L-1", "approval")).contains("- Scope: `npm install`");
    assertThat(s.board("L-1").status())
        .as("still blocked until resumed")
        .isEqualTo(BoardStatus.BLOCKED);

    TestRepo.Run resume = s.lanes("resume", "L-1");

    assertThat(resume).succeeded();
    assertThat(resume.out()).contains("L-1 attempt 2: handed off");
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.board("L-1").attempt()).isEqualTo(2);
    assertThat(s.lockOf("L-1").orElseThrow().lockId()).as("the same lock").isEqualTo(lockId);
    assertThat(s.ledger("L-1"))
        .containsExactly(
            "001-dispatch.md",
            "002-failure.md",
            "003-approval.md",
            "004-dispatch.md",
            "005-handoff.md");
    String prompt = s.repo.read(".lanes/run/L-1/prompt.md");
    assertThat(prompt)
        .contains("Approved by a person: commands starting with `npm install`")
        .contains("Why it stopped: blocked: the worker is waiting for approval of `npm install`");
    String handoff = s.entry("L-1", "handoff");
    assertThat(handoff)
        .contains("Handoff: L-1 attempt 2")
        .contains("added: `src/a/step1.txt`")
        .contains("added: `src/a/step2.txt`")
        .contains("modified: `src/a/A.java`");
    assertThat(s.repo.git("show", "lanes/L-1:src/a/step1.txt")).isEqualTo("from attempt 1\n");
  }

  @Test
  void onlyABlockedOrFailedLaneIsResumed() {
    ScriptedAgent agent = s.agent("script", "echo 'class A { int x; }' > src/a/A.java\n");
    s.setUp(lane("L-1", "src/a/**", "") + lane("L-2", "src/b/**", ""), agent);
    assertThat(s.lanes("dispatch", "L-1").exitCode()).isZero();
    String before = s.repo.read("PLAN.md");

    TestRepo.Run handedOff = s.lanes("resume", "L-1");
    TestRepo.Run never = s.lanes("resume", "L-2");

    assertThat(handedOff).exitedWith(2);
    assertThat(handedOff.err()).contains("L-1 is handed-off");
    assertThat(never).exitedWith(2);
    assertThat(never.err()).contains("never dispatched");
    assertThat(s.repo.read("PLAN.md")).isEqualTo(before);
    assertThat(s.ledger("L-2")).isEmpty();
  }
}
