package dev.lanes.gates;

import static dev.lanes.gates.Gates.gate;
import static dev.lanes.policy.GateStage.PATCH;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderResultTest {

  @Test
  void trailerListsEachGateWithItsStatusAndSecondsToOneDecimal() {
    LadderResult result =
        new LadderResult(
            PATCH,
            List.of(
                outcome(1, GateStatus.PASSED, 2_100),
                outcome(2, GateStatus.SKIPPED, 0),
                outcome(3, GateStatus.FAILED, 14_000)),
            List.of());
    assertThat(result.trailer()).isEqualTo("1 pass 2.1s, 2 skip, 3 fail 14.0s");
  }

  @Test
  void trailerRoundsHalfUpAndNamesTimeouts() {
    LadderResult result =
        new LadderResult(
            PATCH,
            List.of(
                outcome(1, GateStatus.PASSED, 2_049),
                outcome(2, GateStatus.PASSED, 2_050),
                outcome(3, GateStatus.PASSED, 45),
                outcome(4, GateStatus.TIMED_OUT, 300_000)),
            List.of());
    assertThat(result.trailer())
        .isEqualTo("1 pass 2.0s, 2 pass 2.1s, 3 pass 0.0s, 4 timeout 300.0s");
  }

  @Test
  void passedUnlessAGateFailedOrTimedOut() {
    GateOutcome pass = outcome(1, GateStatus.PASSED, 10);
    GateOutcome skip = outcome(2, GateStatus.SKIPPED, 0);
    GateOutcome timeout = outcome(3, GateStatus.TIMED_OUT, 10);
    assertThat(new LadderResult(PATCH, List.of(pass, skip), List.of()).passed()).isTrue();
    assertThat(new LadderResult(PATCH, List.of(pass, skip), List.of()).firstFailure()).isEmpty();
    LadderResult failed = new LadderResult(PATCH, List.of(pass, skip, timeout), List.of());
    assertThat(failed.passed()).isFalse();
    assertThat(failed.firstFailure()).contains(timeout);
  }

  private static GateOutcome outcome(int number, GateStatus status, long millis) {
    return new GateOutcome(
        gate(number, "true", PATCH),
        status,
        "true",
        status == GateStatus.PASSED ? 0 : 1,
        Duration.ofMillis(millis),
        List.of(),
        Path.of("patch-gate-" + number + ".log"));
  }
}
