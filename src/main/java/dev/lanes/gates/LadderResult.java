package dev.lanes.gates;

import dev.lanes.policy.GateStage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcomes of one ladder run at one stage, in the order the gates ran; a ladder stops at its
 * first failure, so gates after it do not appear. {@code flaky} says, one sentence each, which
 * gates failed and then passed on a retry of the unchanged tree.
 */
public record LadderResult(GateStage stage, List<GateOutcome> outcomes, List<String> flaky) {

  public LadderResult {
    Objects.requireNonNull(stage, "stage");
    outcomes = List.copyOf(outcomes);
    flaky = List.copyOf(flaky);
  }

  /** True when no gate failed or timed out (skipped gates, and an empty ladder, pass). */
  public boolean passed() {
    return firstFailure().isEmpty();
  }

  /** The gate that failed or timed out, if any. */
  public Optional<GateOutcome> firstFailure() {
    return outcomes.stream().filter(o -> o.status().isFailure()).findFirst();
  }

  /**
   * The value of the {@code Gates:} commit trailer, one entry per gate that ran or was skipped,
   * such as {@code 1 pass 2.1s, 2 skip, 3 fail 14.0s}; {@code none} when no gate ran at this stage.
   */
  public String trailer() {
    if (outcomes.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    for (GateOutcome o : outcomes) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(o.gate().number()).append(' ').append(o.status().word());
      if (o.status() != GateStatus.SKIPPED) {
        sb.append(' ').append(o.seconds());
      }
    }
    return sb.toString();
  }
}
