package dev.lanes.policy;

import dev.lanes.plan.Position;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** One rung of the gate ladder: a numbered shell command run at the stages in {@code when}. */
public record Gate(
    int number,
    String name,
    String command,
    Set<GateStage> when,
    Duration timeout,
    Position position) {

  public Gate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(position, "position");
    if (number < 1) {
      throw new IllegalArgumentException("gate numbers start at 1: " + number);
    }
    if (command.isBlank()) {
      throw new IllegalArgumentException("gate " + number + " has no command");
    }
    if (when.isEmpty()) {
      throw new IllegalArgumentException("gate " + number + " runs at no stage");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("gate " + number + " needs a positive timeout");
    }
    // An EnumSet copy keeps the stages in declaration order whatever order the user wrote.
    when = Collections.unmodifiableSet(EnumSet.copyOf(when));
  }

  public boolean runsAt(GateStage stage) {
    return when.contains(stage);
  }
}
