package dev.lanes.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lane of PLAN.md: a level-3 heading {@code ### <id>: <objective>} under {@code ## Lanes}, its
 * field list and its context prose.
 *
 * @param scope the globs of {@code scope}, as written (backticks removed)
 * @param outOfScope the globs of {@code out-of-scope}
 * @param dependsOn the ids of {@code depends-on}, as written (they are checked by {@link
 *     PlanChecks})
 * @param otherFields fields lanes does not know, keyed by their lower-case name, kept in order and
 *     passed on to the worker
 * @param context the prose after the field list, verbatim (the original bytes)
 */
public record Lane(
    LaneId id,
    String objective,
    Position position,
    List<Located<String>> scope,
    List<Located<String>> outOfScope,
    List<Located<String>> dependsOn,
    Optional<Located<String>> agent,
    Optional<Located<String>> tests,
    List<AcceptanceItem> acceptance,
    Map<String, Located<String>> otherFields,
    String context) {

  public Lane {
    scope = List.copyOf(scope);
    outOfScope = List.copyOf(outOfScope);
    dependsOn = List.copyOf(dependsOn);
    acceptance = List.copyOf(acceptance);
    otherFields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(otherFields));
  }
}
