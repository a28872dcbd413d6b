package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.Await;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A worker whose lock is taken away while it runs is ended at the next heartbeat, and its lanes
 * process never writes the Board or the Locks again (the fencing promise, end to end).
 */
class DispatchFencingTest extends DispatchScenarioTest {
  @Test
  void aWorkerWhoseLockIsGoneIsEndedAndWritesNoMoreState() throws Exception {
    ScriptedAgent agent =
        s.agent("script", "echo 'class A {}' > src/a/A.java\necho working\nsleep 60\n");
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    Instant started = Instant.now();
    CompletableFuture<TestRepo.Run> run =
        CompletableFuture.supplyAsync(() -> s.lanes("dispatch", "L-1"));
    Await.until(
        () ->
            s.lockOf("L-1").isPresent()
                && s.board("L-1") != null
                && s.board("L-1").status() == BoardStatus.RUNNING,
        Duration.ofSeconds(30),
        "L-1 to run");
    String lockId = s.lockOf("L-1").orElseThrow().lockId();

    // Someone else takes the lane back: the lock row is gone and the Board says so.
    s.editPlan(
        text ->
            text.replaceAll("(?m)^\\| " + java.util.regex.Pattern.quote(lockId) + " \\|.*\\n", "")
                .replace("| L-1 | running |", "| L-1 | cancelled |"));

    TestRepo.Run result = run.get();
    assertThat(Duration.between(started, Instant.now()))
        .as("ended at a heartbeat, not after the agent's 60 s")
        .isLessThan(Duration.ofSeconds(25));
    assertThat(result).exitedWith(1);
    assertThat(result.out()).contains("was taken back");
    assertThat(s.board("L-1").status())
        .as("the fenced-out run left the Board alone")
        .isEqualTo(BoardStatus.CANCELLED);
    assertThat(s.locks()).isEmpty();
    assertThat(s.entry("L-1", "failure")).contains("- Kind: lock").contains(lockId);
    assertThat(Files.readString(s.root.resolve("PLAN.md"))).doesNotContain(lockId);
  }
}
