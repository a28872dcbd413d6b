package dev.lanes.scope;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test oracle: a scope's effective language as a minimal dk.brics automaton, built independently of
 * the DFA engine in src/main (only the parsed segments are shared).
 *
 * <p>The language is union(include) minus union(exclude) minus never-in-scope, each glob with
 * everything under its matches, restricted to valid paths. Two scopes overlap when the intersection
 * of their languages is non-empty.
 */
final class BricsScope {
  private final Scope scope;
  private final Automaton automaton;

  private BricsScope(Scope scope) {
    this.scope = scope;
    Automaton in = union(scope.include());
    Automaton out = union(scope.exclude()).union(GlobLanguage.NEVER);
    this.automaton = GlobLanguage.minimal(in.minus(out));
  }

  static BricsScope of(Scope scope) {
    return new BricsScope(scope);
  }

  private static Automaton union(List<Glob> globs) {
    List<Automaton> parts = new ArrayList<>();
    for (Glob glob : globs) {
      parts.add(GlobLanguage.of(glob.pattern()));
    }
    return parts.isEmpty() ? Automaton.makeEmpty() : Automaton.union(parts);
  }

  /** Whether no path at all is in this scope. */
  boolean isEmpty() {
    return automaton.isEmpty();
  }

  /** A shortest path in both scopes (dk.brics' choice among them), or empty when disjoint. */
  Optional<String> overlap(BricsScope other) {
    Automaton both = automaton.intersection(other.automaton);
    return Optional.ofNullable(BasicOperations.getShortestExample(both, true));
  }

  boolean touches(BricsScope other) {
    return overlap(other).isPresent();
  }

  boolean accepts(String path) {
    return automaton.run(path);
  }

  @Override
  public String toString() {
    return "BricsScope" + scope;
  }
}
