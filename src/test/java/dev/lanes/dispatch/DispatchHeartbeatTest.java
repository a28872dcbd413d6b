package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.LockRow;
import dev.lanes.process.ProcMachineLoad;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * While a worker runs, lanes renews its lock in PLAN.md: the heartbeat cell moves on at every beat
 * and the expiry stays one ttl after it. PLAN.md's times have minute resolution, so the clock here
 * (the one thing faked) moves a minute at every reading; the beats themselves are real, every
 * second as the policy's {@code heartbeat: 1s} says.
 */
class DispatchHeartbeatTest extends DispatchScenarioTest {
  @Test
  void theLocksHeartbeatMovesOnWhileTheWorkerRunsAndItExpiresOneTtlLater() throws Exception {
    ScriptedAgent agent = s.agent("script", "echo x > src/a/A.txt\nsleep 4\n");
    s.setUp("- ttl: 30m\n- heartbeat: 1s\n", "", lane("L-1", "src/a/**", ""), agent);
    TestClock clock = new TestClock(Instant.parse("2026-11-26T10:00:00Z"), Duration.ofMinutes(1));
    CompletableFuture<List<LaneResult>> run =
        CompletableFuture.supplyAsync(
            () -> s.dispatchWith(clock, new ProcMachineLoad(), (lane, state, detail) -> {}, 1));
    List<LockRow> seen = new ArrayList<>();
    while (!run.isDone()) {
      s.lockOf("L-1")
          .filter(l -> seen.isEmpty() || !seen.get(seen.size() - 1).equals(l))
          .ifPresent(seen::add);
      Thread.sleep(50);
    }

    assertThat(run.get()).extracting(LaneResult::state).containsOnly(LaneState.HANDED_OFF);
    assertThat(seen).as("the lock as taken, then renewed at least twice").hasSizeGreaterThan(2);
    Instant start = seen.get(0).start();
    for (int i = 0; i < seen.size(); i++) {
      LockRow row = seen.get(i);
      assertThat(row.start()).as("the start stays").isEqualTo(start);
      assertThat(row.expires()).isEqualTo(row.heartbeat().plus(Duration.ofMinutes(30)));
      if (i > 0) {
        assertThat(row.heartbeat()).isAfter(seen.get(i - 1).heartbeat());
      }
    }
    // A handed-off lane keeps its lock until integration (a beat may land after the last look).
    LockRow kept = s.lockOf("L-1").orElseThrow();
    assertThat(kept.start()).isEqualTo(start);
    assertThat(kept.heartbeat()).isAfterOrEqualTo(seen.get(seen.size() - 1).heartbeat());
  }
}
