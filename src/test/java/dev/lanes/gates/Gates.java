package dev.lanes.gates;

import dev.lanes.plan.Position;
import dev.lanes.policy.Gate;
import dev.lanes.policy.GateStage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Builds gates for the tests the way a gates table row would give them. */
final class Gates {
  private Gates() {}

  static Gate gate(int number, String command, GateStage first, GateStage... more) {
    return gate(number, command, Duration.ofSeconds(30), first, more);
  }

  static Gate gate(
      int number, String command, Duration timeout, GateStage first, GateStage... more) {
    Set<GateStage> when = EnumSet.of(first, more);
    return new Gate(number, "gate " + number, command, when, timeout, new Position(number, 1));
  }

  static GateContext ctx(String... files) {
    return new GateContext("L-001", List.of(files));
  }
}
