package dev.lanes.markdown;

import dev.lanes.error.Problem;
import dev.lanes.policy.Policy;
import java.util.List;
import java.util.Objects;

/**
 * AGENTS.md as read: the policy built from everything that could be read, and every problem found
 * on the way, sorted by position.
 */
public record PolicyRead(Policy policy, List<Problem> problems) {
  public PolicyRead {
    Objects.requireNonNull(policy, "policy");
    problems = problems.stream().sorted().toList();
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
