package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.analysis.WaveAnalysis;
import dev.lanes.analysis.Workspace;
import dev.lanes.gates.GateLadder;
import dev.lanes.git.GitCli;
import dev.lanes.git.PatchCapture;
import dev.lanes.git.Worktrees;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.policy.Policy;
import dev.lanes.process.ProcMachineLoad;
import dev.lanes.process.ShellProcessRunner;
import dev.lanes.store.PlanStore;
import dev.lanes.testing.ScriptedAgent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * While a worker runs, lanes renews its lock in PLAN.md: the heartbeat cell moves on at every beat
 * and the expiry stays one ttl after it. PLAN.md's times have minute resolution, so the clock here
 * (the one thing faked) moves a minute at every reading; the beats themselves are real, every
 * second as the policy's {@code heartbeat: 1s} says.
 */
class DispatchHeartbeatTest extends DispatchScenarioTest {
  /** A clock one minute later at every reading. */
  static final class SteppingClock extends Clock {
    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    private final AtomicLong readings = new AtomicLong();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return START.plus(Duration.ofMinutes(readings.getAndIncrement()));
    }
  }

  @Test
  void theLocksHeartbeatMovesOnWhileTheWorkerRunsAndItExpiresOneTtlLater() throws Exception {
    ScriptedAgent agent = s.agent("script", "echo x > src/a/A.txt\nsleep 4\n");
    s.setUp("- ttl: 30m\n- heartbeat: 1s\n", "", lane("L-1", "src/a/**", ""), agent);
    Workspace w = Workspace.load(s.root, LocalDate.now()).requireReadyToDispatch();
    Plan plan = w.requirePlan();
    Policy policy = w.policyOrEmpty();
    GitCli git = GitCli.system();
    ShellProcessRunner runner = new ShellProcessRunner();
    Clock clock = new SteppingClock();
    DispatchContext ctx =
        new DispatchContext(
            s.root,
            policy,
            new PlanStore(s.root, clock),
            git,
            new Worktrees(git),
            new PatchCapture(git),
            runner,
            new GateLadder(runner),
            new ProcMachineLoad(),
            clock,
            System.getenv(),
            "test@host");
    DispatchSelection selection =
        DispatchPlanner.select(
            s.root,
            plan,
            policy,
            WaveAnalysis.analyze(plan, policy, List.of()),
            List.of(),
            Optional.empty(),
            "main");

    CompletableFuture<List<LaneResult>> run =
        CompletableFuture.supplyAsync(
            () ->
                new DispatchService(ctx, (lane, state, detail) -> {})
                    .dispatch(selection, 1, Optional.empty()));
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
