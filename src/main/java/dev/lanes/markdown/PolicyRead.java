package dev.lanes.markdown;

import dev.lanes.error.Problem;
import dev.lanes.policy.Policy;
import java.util.List;
import java.util.Objects;

/**
 * AGENTS.md as read: the policy built from everything that could be read, and every problem found
 * on the way, sorted by position. {@code parsed} is false when the text was refused before parsing
 * (nested too deep): the policy is then empty, and checking its headings would only mislead.
 */
public record PolicyRead(Policy policy, List<Problem> problems, boolean parsed) {
  public PolicyRead {
    Objects.requireNonNull(policy, "policy");
    problems = problems.stream().sorted().toList();
  }

  public PolicyRead(Policy policy, List<Problem> problems) {
    this(policy, problems, true);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
