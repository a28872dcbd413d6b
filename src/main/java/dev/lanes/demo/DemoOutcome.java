package dev.lanes.demo;

import java.time.Duration;
import java.util.List;

/**
 * How the demo went: the steps it showed, what did not go as designed (empty when all did), and how
 * long it took.
 *
 * @param steps the command lines shown, in order, like {@code lanes dispatch}
 * @param deviations sentences naming each thing that went otherwise than designed
 * @param elapsed the demo's wall time
 */
public record DemoOutcome(List<String> steps, List<String> deviations, Duration elapsed) {
  public DemoOutcome {
    steps = List.copyOf(steps);
    deviations = List.copyOf(deviations);
  }

  /** Whether the demo ran as designed (the planned failure of one lane included). */
  public boolean asDesigned() {
    return deviations.isEmpty();
  }
}
