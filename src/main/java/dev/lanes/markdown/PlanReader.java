package dev.lanes.markdown;

import dev.lanes.error.Problem;
import dev.lanes.plan.Lane;
import dev.lanes.plan.Plan;
import dev.lanes.plan.Position;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads PLAN.md into a {@link Plan}: the lanes under {@code ## Lanes} and the first table under
 * {@code ## Locks} and {@code ## Board}. It never throws on bad input; it reports every problem
 * with its 1-based line and column and keeps whatever it could read.
 */
public final class PlanReader {
  private PlanReader() {}

  public static PlanRead read(String text, LocalDate today) {
    Optional<Position> tooDeep = NestingDepth.tooDeep(text);
    if (tooDeep.isPresent()) {
      Position at = tooDeep.get();
      return new PlanRead(
          new Plan(text, List.of(), List.of(), List.of()),
          List.of(new Problem(Plan.FILE, at.line(), at.column(), NestingDepth.message())),
          Optional.empty());
    }
    MarkdownSource source = MarkdownSource.parse(text);
    List<Problem> problems = new ArrayList<>();
    List<Lane> lanes = new PlanLanes(source, problems).read();
    PlanTables tables = new PlanTables(source, today, problems);
    Plan plan = new Plan(text, lanes, tables.locks(), tables.board());
    return new PlanRead(plan, problems.stream().sorted().toList(), Optional.of(source));
  }
}
