package dev.lanes.markdown;

import dev.lanes.error.Problem;
import dev.lanes.plan.Position;
import dev.lanes.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one AGENTS.md read and places offsets as lines and columns. */
final class PolicyProblems {
  private final PolicyLines lines;
  private final List<Problem> found = new ArrayList<>();

  PolicyProblems(PolicyLines lines) {
    this.lines = lines;
  }

  Position at(int offset) {
    return lines.at(offset);
  }

  void add(Position where, String message) {
    found.add(new Problem(Policy.FILE, where.line(), where.column(), message));
  }

  List<Problem> all() {
    return List.copyOf(found);
  }
}
