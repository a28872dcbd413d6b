package dev.lanes.integrate;

import dev.lanes.gates.LadderResult;
import java.util.List;

/** One ladder run on one tree, after its retries, with the flaky gates it saw. */
record GateRun(LadderResult result, List<String> flaky) {
  GateRun {
    flaky = List.copyOf(flaky);
  }

  boolean passed() {
    return result.passed();
  }
}
