package dev.lanes.gates;

import dev.lanes.policy.Durations;
import dev.lanes.policy.Gate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one gate ended: its status, the command as run (for a skipped gate, the unfilled template),
 * the exit code ({@code -1} when skipped), how long it took, the last lines of its output and the
 * path of its full log (not written for a skipped gate).
 */
public record GateOutcome(
    Gate gate,
    GateStatus status,
    String command,
    int exitCode,
    Duration duration,
    List<String> outputTail,
    Path log) {

  public GateOutcome {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(log, "log");
    outputTail = List.copyOf(outputTail);
  }

  /** The outcome of a gate not run because a placeholder of its command had no value. */
  public static GateOutcome skipped(Gate gate, Path log) {
    return new GateOutcome(
        gate, GateStatus.SKIPPED, gate.command(), -1, Duration.ZERO, List.of(), log);
  }

  /** How long it took, in tenths rounded half up from whole milliseconds: 2049ms is 2.0s. */
  public String seconds() {
    return Durations.seconds(duration);
  }

  /** How a failed gate failed: {@code failed with exit 1} or {@code timed out after 2.0s}. */
  public String failure() {
    return status == GateStatus.TIMED_OUT
        ? "timed out after " + seconds()
        : "failed with exit " + exitCode;
  }
}
