package dev.lanes.markdown;

import dev.lanes.error.Problem;
import dev.lanes.plan.Plan;
import java.util.List;
import java.util.Optional;

/**
 * PLAN.md as read: the plan (with what could be read) and every problem found, sorted. It keeps
 * flexmark's tree of the text, so that writing the tables back into this very text ({@link
 * PlanTableWriter#write(PlanRead, List, List)}) does not parse it again.
 */
public final class PlanRead {
  private final Plan plan;
  private final List<Problem> problems;
  private final Optional<MarkdownSource> source;

  PlanRead(Plan plan, List<Problem> problems, Optional<MarkdownSource> source) {
    this.plan = plan;
    this.problems = List.copyOf(problems);
    this.source = source;
  }

  public Plan plan() {
    return plan;
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The parsed text; absent when the text was refused before parsing (nested too deep). */
  MarkdownSource source() {
    return source.orElseGet(() -> MarkdownSource.parse(plan.source()));
  }
}
