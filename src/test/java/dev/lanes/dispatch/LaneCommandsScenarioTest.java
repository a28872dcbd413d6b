package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The commands around a dispatch, against real repositories: reclaim, checkpoint (called by a
 * worker from its worktree), status, resume of an interrupted lane, and cleanup.
 */
class LaneCommandsScenarioTest extends DispatchScenarioTest {
  /** Writes its attempt number; asks for approval (exit 77) on the first, hands off after. */
  private static final String BLOCKED_ON_ITS_FIRST_ATTEMPT =
      """
      echo "attempt $LANES_ATTEMPT" > src/a/progress.txt
      [ "$LANES_ATTEMPT" -gt 1 ] || exit 77
      """;

  @Test
  void reclaimTakesBackOnlyAStaleLockAndRecordsTheNote() {
    ScriptedAgent agent = s.agent("script", "echo 'class B { int x; }' > src/b/B.java\nexit 77\n");
    s.setUp(
        "- ttl: 1m\n- heartbeat: 1s\n",
        "",
        lane("L-1", "src/a/**", "") + lane("L-2", "src/b/**", ""),
        agent);
    // A lanes process that died an hour ago left its lock and its running lane behind.
    s.editPlan(
        text ->
            text.replace(
                    "|---|---|---|---|---|---|---|\n\n## Board",
                    "|---|---|---|---|---|---|---|\n"
                        + "| L-1#1 | 4242@gone-host | src/a/** | work on L-1 | 2026-01-01T10:00Z"
                        + " | 2026-01-01T10:05Z | 2026-01-01T10:06Z |\n\n## Board")
                + "| L-1 | running | 1 | 1 |  | 2026-01-01T10:05Z | pid 4242 |\n");
    assertThat(s.lockOf("L-1")).isPresent();
    assertThat(s.lanes("dispatch", "L-2").exitCode()).isZero();
    String live = s.lockOf("L-2").orElseThrow().lockId();

    TestRepo.Run stale = s.lanes("reclaim", "L-1#1", "--note", "laptop died mid-run");

    assertThat(stale).succeeded();
    assertThat(stale.out()).contains("reclaimed L-1#1").contains("4242@gone-host");
    assertThat(s.lockOf("L-1")).as("the row is gone").isEmpty();
    assertThat(s.ledger("L-1")).containsExactly("001-reclaim.md");
    assertThat(s.entry("L-1", "reclaim"))
        .contains("- Lock: L-1#1")
        .contains("- Previous owner: 4242@gone-host")
        .contains("## Note\n\nlaptop died mid-run");
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    assertThat(s.board("L-1").note()).contains("laptop died mid-run");

    String before = s.repo.read("PLAN.md");
    TestRepo.Run liveRun = s.lanes("reclaim", live, "--note", "impatient");
    assertThat(liveRun).exitedWith(3);
    assertThat(liveRun.err()).contains(live);
    assertThat(s.lockOf("L-2")).isPresent();

    TestRepo.Run unknown = s.lanes("reclaim", "L-9#7", "--note", "no such lock");
    assertThat(unknown).exitedWith(2);
    assertThat(unknown.err()).contains("L-9#7");

    TestRepo.Run noNote = s.lanes("reclaim", live);
    assertThat(noNote).exitedWith(2);
    assertThat(s.repo.read("PLAN.md")).as("refusals write nothing").isEqualTo(before);
    assertThat(s.ledger("L-2")).containsExactly("001-dispatch.md", "002-failure.md");
  }

  @Test
  void aCheckpointCalledByTheWorkerLandsInTheMainLedger() {
    ScriptedAgent agent =
        s.agent(
            "script",
            ScriptedAgent.lanesCommand()
                + " checkpoint --lane \"$LANES_LANE\" --done 'parser reads tables'"
                + " --next 'write the writer'\n"
                + "echo 'class A { int parsed; }' > src/a/A.java\n");
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run).succeeded();
    assertThat(s.ledger("L-1"))
        .containsExactly("001-dispatch.md", "002-checkpoint.md", "003-handoff.md");
    assertThat(s.entry("L-1", "checkpoint"))
        .contains("Checkpoint: L-1 attempt 1")
        .contains("## Done\n\nparser reads tables")
        .contains("## Next\n\nwrite the writer");
    assertThat(s.worktree("L-1").resolve("ledger")).doesNotExist();
    assertThat(s.repo.git("-C", s.worktree("L-1").toString(), "status", "--porcelain")).isBlank();
    assertThat(s.entry("L-1", "handoff"))
        .contains("## Checkpoint\n\nparser reads tables")
        .doesNotContain("ledger/");
    assertThat(s.board("L-1").checkpoint()).isEqualTo("parser reads tables");
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.HANDED_OFF);
  }

  @Test
  void statusJsonHasTheContractKeysAndResumeContinuesALaneWhoseProcessIsGone() throws Exception {
    ScriptedAgent agent = s.agent("script", BLOCKED_ON_ITS_FIRST_ATTEMPT);
    s.setUp(lane("L-1", "src/a/**", "") + lane("L-2", "src/b/**", ""), agent);
    assertThat(s.lanes("dispatch", "L-1").exitCode()).isZero();
    // lanes was killed while the worker ran: the Board still says running, its process is gone.
    s.setBoardStatus("L-1", "running");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(
        s.root.resolve(".lanes/run/L-1/worker"), "lanes-pid " + gone.pid() + "\nattempt 1\n");

    TestRepo.Run status = s.lanes("status", "--json");

    assertThat(status).succeeded();
    JsonNode json = new ObjectMapper().readTree(status.out());
    assertThat(json.get("lanes")).hasSize(2);
    JsonNode l1 = json.get("lanes").get(0);
    assertThat(fields(l1)).contains("id", "status", "wave", "attempt", "checkpoint");
    assertThat(l1.get("id").asText()).isEqualTo("L-1");
    assertThat(l1.get("status").asText()).isEqualTo("running");
    assertThat(l1.get("wave").asInt()).isEqualTo(1);
    assertThat(l1.get("attempt").asInt()).isEqualTo(1);
    assertThat(l1.get("worker").asText()).contains("process gone");
    JsonNode l2 = json.get("lanes").get(1);
    assertThat(l2.get("id").asText()).isEqualTo("L-2");
    assertThat(l2.get("status").asText()).isEqualTo("planned");
    assertThat(json.get("locks")).hasSize(1);
    JsonNode lock = json.get("locks").get(0);
    assertThat(fields(lock)).contains("lockId", "owner", "scope", "heartbeat", "expires", "stale");
    assertThat(lock.get("lockId").asText()).startsWith("L-1#");
    assertThat(lock.get("scope").asText()).contains("src/a/**");
    assertThat(lock.get("stale").isBoolean()).isTrue();
    assertThat(lock.get("stale").asBoolean()).isFalse();
    assertThat(lock.get("expires").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");

    TestRepo.Run text = s.lanes("status");
    assertThat(text.out()).contains("process gone: run `lanes resume L-1`");

    TestRepo.Run resume = s.lanes("resume", "L-1");

    assertThat(resume).succeeded();
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.board("L-1").attempt()).isEqualTo(2);
    assertThat(s.repo.git("show", "lanes/L-1:src/a/progress.txt")).isEqualTo("attempt 2\n");
    assertThat(s.entry("L-1", "handoff")).contains("Handoff: L-1 attempt 2");
    assertThat(s.lanes("status", "--json").out()).doesNotContain("process gone");
  }

  @Test
  void aDispatchedLaneWaitsWhileItsLanesProcessRunsAndIsResumedOnceItIsGone() throws Exception {
    ScriptedAgent agent = s.agent("script", BLOCKED_ON_ITS_FIRST_ATTEMPT);
    s.setUp(lane("L-1", "src/a/**", ""), agent);
    assertThat(s.lanes("dispatch", "L-1").exitCode()).isZero();
    // As a lane still waiting for a worker slot: Board `dispatched`, its lock taken by the lanes
    // process (here the test's own), no worker file yet.
    s.setBoardStatus("L-1", "dispatched");
    Files.delete(s.root.resolve(".lanes/run/L-1/worker"));

    assertThat(s.lanes("status").out()).contains("waiting for a worker slot");
    TestRepo.Run refused = s.lanes("resume", "L-1");
    assertThat(refused).exitedWith(2);
    assertThat(refused.err()).contains("L-1 is dispatched");

    // That lanes process was killed: its lock names a pid that is gone.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String owner = s.lockOf("L-1").orElseThrow().owner().trim();
    s.editPlan(text -> text.replace(owner, gone.pid() + owner.substring(owner.indexOf('@'))));

    assertThat(s.lanes("status").out()).contains("process gone: run `lanes resume L-1`");
    TestRepo.Run resume = s.lanes("resume", "L-1");

    assertThat(resume).succeeded();
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.board("L-1").attempt()).isEqualTo(2);
    assertThat(s.repo.git("show", "lanes/L-1:src/a/progress.txt")).isEqualTo("attempt 2\n");
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void cleanupRemovesIntegratedLanesKeepsUncapturedWorkAndLeavesPlannedLanesAlone() {
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            case "$LANES_LANE" in
              L-1) echo one > src/a/one.txt ;;
              L-2) echo two > src/b/two.txt ;;
              *) echo 'gave up'; exit 1 ;;
            esac
            """);
    s.repo.write("src/c/C.java", "class C {}\n");
    s.setUp(
        lane("L-1", "src/a/**", "") + lane("L-2", "src/b/**", "") + lane("L-3", "src/c/**", ""),
        agent);
    assertThat(s.lanes("dispatch", "L-1", "L-2", "L-3").exitCode()).isEqualTo(1);
    assertThat(s.board("L-3").status()).isEqualTo(BoardStatus.FAILED);
    s.setBoardStatus("L-1", "integrated");
    s.setBoardStatus("L-2", "integrated");
    s.setBoardStatus("L-3", "planned");
    s.repo.write(".lanes/worktrees/L-2/src/b/late.txt", "written after the capture\n");

    TestRepo.Run run = s.lanes("cleanup");

    assertThat(run).succeeded();
    assertThat(run.out())
        .contains("removed .lanes/worktrees/L-1 and branch lanes/L-1")
        .contains("kept .lanes/worktrees/L-2")
        .doesNotContain("L-3");
    assertThat(s.worktree("L-1")).doesNotExist();
    assertThat(s.repo.git("branch", "--list", "lanes/L-1")).isBlank();
    assertThat(s.worktree("L-2").resolve("src/b/late.txt")).hasContent("written after the capture");
    assertThat(s.repo.git("branch", "--list", "lanes/L-2")).contains("lanes/L-2");
    assertThat(s.worktree("L-3")).isDirectory();
    assertThat(s.repo.git("branch", "--list", "lanes/L-3")).contains("lanes/L-3");
    assertThat(s.repo.git("worktree", "list"))
        .doesNotContain(".lanes/worktrees/L-1")
        .contains(".lanes/worktrees/L-2")
        .contains(".lanes/worktrees/L-3");
  }
}
