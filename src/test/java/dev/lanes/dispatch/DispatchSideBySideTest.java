package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two lanes processes at once, a person editing PLAN.md meanwhile, and a lock held by another. */
class DispatchSideBySideTest extends DispatchScenarioTest {
  private static final String PROSE = "A person's note, written while the workers ran.";

  @Test
  void twoDispatchesAndAPersonsEditLoseNothing() throws Exception {
    Path go = tmp.resolve("go");
    // Each worker works a second, then waits (at most 30 s) until the person has saved PLAN.md,
    // so the edit always lands while both run.
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            sleep 1
            case "$LANES_LANE" in L-a) d=src/a ;; *) d=src/b ;; esac
            echo "work of $LANES_LANE" > "$d/work.txt"
            i=0
            while [ ! -e GO ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
            """
                .replace("GO", ScriptedAgent.quote(go.toString())));
    s.setUp(lane("L-a", "src/a/**", "") + lane("L-b", "src/b/**", ""), agent);

    CompletableFuture<TestRepo.Run> a =
        CompletableFuture.supplyAsync(() -> s.lanes("dispatch", "L-a"));
    CompletableFuture<TestRepo.Run> b =
        CompletableFuture.supplyAsync(() -> s.lanes("dispatch", "L-b"));
    waitUntilRunning("L-a", "L-b");
    s.editPlan(text -> text.replace("\n## Locks", PROSE + "\n\n## Locks"));
    Files.writeString(go, "");
    TestRepo.Run runA = a.get(60, TimeUnit.SECONDS);
    TestRepo.Run runB = b.get(60, TimeUnit.SECONDS);

    assertThat(runA).succeeded();
    assertThat(runB).succeeded();
    assertThat(s.repo.read("PLAN.md")).contains(PROSE);
    assertThat(s.board("L-a").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.board("L-b").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.lockOf("L-a")).isPresent();
    assertThat(s.lockOf("L-b")).isPresent();
    assertThat(s.ledger("L-a")).containsExactly("001-dispatch.md", "002-handoff.md");
    assertThat(s.ledger("L-b")).containsExactly("001-dispatch.md", "002-handoff.md");
    assertThat(s.entry("L-a", "handoff")).contains("added: `src/a/work.txt`");
    assertThat(s.entry("L-b", "handoff")).contains("added: `src/b/work.txt`");
    assertThat(runA.out() + runB.out())
        .as("lanes' own writes and a person's edit of PLAN.md are no escape")
        .doesNotContain("possible escape");
  }

  private void waitUntilRunning(String... lanes) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      Map<String, BoardStatus> status =
          s.plan().board().stream()
              .collect(java.util.stream.Collectors.toMap(r -> r.lane().value(), BoardRow::status));
      if (List.of(lanes).stream().allMatch(l -> status.get(l) == BoardStatus.RUNNING)) {
        return;
      }
      DispatchScenario.sleep(50);
    }
    throw new AssertionError("the lanes never ran side by side: " + s.repo.read("PLAN.md"));
  }

  @Test
  void aLaneWhoseScopeOverlapsALiveLockIsRefusedWithExit3AndNothingWritten() {
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            echo 'class A { int x; }' > src/a/A.java
            exit 77
            """);
    s.setUp(lane("L-1", "src/**", "") + lane("L-2", "src/a/**", ""), agent);
    assertThat(s.lanes("dispatch", "L-1").exitCode()).isZero();
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.BLOCKED);
    String holder = s.lockOf("L-1").orElseThrow().lockId();
    String before = s.repo.read("PLAN.md");

    TestRepo.Run run = s.lanes("dispatch", "L-2");

    assertThat(run).exitedWith(3);
    assertThat(run.err()).contains(holder);
    assertThat(s.repo.read("PLAN.md")).as("nothing written").isEqualTo(before);
    assertThat(s.ledger("L-2")).isEmpty();
    assertThat(s.worktree("L-2")).doesNotExist();
    assertThat(s.root.resolve(".lanes/run/L-2")).doesNotExist();
    assertThat(s.repo.git("branch", "--list", "lanes/L-2")).isBlank();
  }
}
