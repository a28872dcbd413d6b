package dev.lanes.markdown;

import dev.lanes.error.Problem;
import dev.lanes.plan.Plan;
import java.util.List;

/** PLAN.md as read: the plan (with what could be read) and every problem found, sorted. */
public record PlanRead(Plan plan, List<Problem> problems) {
  public PlanRead {
    problems = List.copyOf(problems);
  }
}
