package dev.lanes.scope;

import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scope compiled to the minimal automaton of its effective language, for overlap tests.
 *
 * <p>The language is union(include) minus union(exclude) minus never-in-scope, each glob with
 * everything under its matches, restricted to valid paths. Two scopes overlap when the intersection
 * of their languages is non-empty; the example is a shortest word of it.
 */
public final class CompiledScope {
  private final Scope scope;
  private final Automaton automaton;
  private final Dfa dfa;
  private final List<String> prefixes;

  private CompiledScope(Scope scope, Automaton automaton) {
    this.scope = scope;
    this.automaton = automaton;
    this.dfa = Dfa.of(automaton);
    this.prefixes = prefixes(scope);
  }

  /** Compiles {@code scope}; do it once per scope and reuse the result. */
  public static CompiledScope of(Scope scope) {
    Automaton in = union(scope.include());
    Automaton out = union(scope.exclude()).union(GlobLanguage.NEVER);
    return new CompiledScope(scope, GlobLanguage.minimal(in.minus(out)));
  }

  private static Automaton union(List<Glob> globs) {
    List<Automaton> parts = new ArrayList<>();
    for (Glob glob : globs) {
      parts.add(GlobLanguage.of(glob.pattern()));
    }
    return parts.isEmpty() ? Automaton.makeEmpty() : Automaton.union(parts);
  }

  public Scope scope() {
    return scope;
  }

  /** A copy of the minimal automaton of the effective language. */
  public Automaton automaton() {
    return automaton.clone();
  }

  /** Whether no path at all is in this scope. */
  public boolean isEmpty() {
    return automaton.isEmpty();
  }

  /** A shortest path in both scopes, or empty when they are disjoint. */
  public Optional<String> overlap(CompiledScope other) {
    if (!prefixesMeet(other)) {
      return Optional.empty();
    }
    return Dfa.shortest(
        new Dfa[] {dfa, other.dfa}, new Dfa.Condition(new int[][] {{0}, {1}}, new int[0]));
  }

  /**
   * Whether some include glob of each could match one path: their literal prefixes must be prefixes
   * one of the other. Most pairs of lanes fail this at once (a dispatch of 50 lanes checks 1,225
   * pairs), so the product automaton is only walked, or even built, for the pairs that pass.
   */
  private boolean prefixesMeet(CompiledScope other) {
    return prefixesMeet(prefixes, other.prefixes);
  }

  /** The distinct literal prefixes of the scope's include globs, for {@link #prefixesMeet}. */
  public static List<String> prefixes(Scope scope) {
    return scope.include().stream().map(Glob::literalPrefix).distinct().toList();
  }

  /**
   * False when no include glob of one scope can match a path an include glob of the other matches
   * (so the scopes are certainly disjoint); true when they might, which only the automata decide.
   */
  public static boolean prefixesMeet(List<String> a, List<String> b) {
    for (String p : a) {
      for (String q : b) {
        if (p.startsWith(q) || q.startsWith(p)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether some path, existing or not, is in both scopes. */
  public boolean touches(CompiledScope other) {
    return overlap(other).isPresent();
  }

  /** Whether the automaton accepts {@code path}; tests compare it with {@link Scope#contains}. */
  boolean accepts(String path) {
    return dfa.run(path);
  }

  @Override
  public String toString() {
    return "CompiledScope" + scope;
  }
}
