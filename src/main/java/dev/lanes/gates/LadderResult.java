package dev.lanes.gates;

import dev.lanes.policy.GateStage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcomes of one ladder run at one stage, in the order the gates ran; a ladder stops at its
 * first failure, so gates after it do not appear.
 */
public record LadderResult(GateStage stage, List<GateOutcome> outcomes) {

  public LadderResult {
    Objects.requireNonNull(stage, "stage");
    outcomes = List.copyOf(outcomes);
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
        sb.append(' ').append(seconds(o.duration()));
      }
    }
    return sb.toString();
  }

  private static String seconds(Duration d) {
    // Tenths rounded half up from whole milliseconds, so 2049ms is 2.0s and 2050ms is 2.1s.
    long tenths = (d.toMillis() + 50) / 100;
    return String.format(Locale.ROOT, "%d.%ds", tenths / 10, tenths % 10);
  }
}
