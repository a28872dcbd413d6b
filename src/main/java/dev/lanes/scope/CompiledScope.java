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
 *
 * <p>The automaton is built on first need: it takes milliseconds per scope, and most pairs of
 * scopes are told apart by the literal prefixes of their include globs alone (a dispatch of 50
 * lanes checks 1,225 pairs of lock scopes).
 */
public final class CompiledScope {
  private final Scope scope;
  private final List<String> prefixes;
  private volatile Compiled compiled;

  private record Compiled(Automaton automaton, Dfa dfa) {}

  private CompiledScope(Scope scope) {
    this.scope = scope;
    this.prefixes = scope.include().stream().map(Glob::literalPrefix).distinct().toList();
  }

  /** The scope, to be compiled when first needed; make it once per scope and reuse it. */
  public static CompiledScope of(Scope scope) {
    return new CompiledScope(scope);
  }

  private Compiled compiled() {
    Compiled c = compiled;
    if (c == null) {
      synchronized (this) {
        c = compiled;
        if (c == null) {
          Automaton in = union(scope.include());
          Automaton out = union(scope.exclude()).union(GlobLanguage.NEVER);
          Automaton minimal = GlobLanguage.minimal(in.minus(out));
          c = new Compiled(minimal, Dfa.of(minimal));
          compiled = c;
        }
      }
    }
    return c;
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
    return compiled().automaton().clone();
  }

  /** Whether no path at all is in this scope. */
  public boolean isEmpty() {
    return compiled().automaton().isEmpty();
  }

  /** A shortest path in both scopes, or empty when they are disjoint. */
  public Optional<String> overlap(CompiledScope other) {
    if (!prefixesMeet(other)) {
      return Optional.empty();
    }
    return Dfa.shortest(
        new Dfa[] {compiled().dfa(), other.compiled().dfa()},
        new Dfa.Condition(new int[][] {{0}, {1}}, new int[0]));
  }

  /**
   * Whether some include glob of each could match one path: their literal prefixes must be prefixes
   * one of the other. False means disjoint for certain; true means only the automata can tell.
   */
  private boolean prefixesMeet(CompiledScope other) {
    for (String p : prefixes) {
      for (String q : other.prefixes) {
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
    return compiled().dfa().run(path);
  }

  @Override
  public String toString() {
    return "CompiledScope" + scope;
  }
}
