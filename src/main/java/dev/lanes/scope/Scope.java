package dev.lanes.scope;

import java.util.List;
import java.util.Optional;

/** A lane's scope: the paths its include globs match, less its exclude globs and never-in-scope. */
public record Scope(List<Glob> include, List<Glob> exclude) {

  /** The paths no lane may own, whatever its globs say, each with everything under it. */
  public static final List<String> NEVER_IN_SCOPE =
      List.of("PLAN.md", "AGENTS.md", "ledger", ".lanes", ".git");

  public Scope {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  /** A scope from glob texts; throws IllegalArgumentException on a bad glob. */
  public static Scope of(List<String> include, List<String> exclude) {
    return new Scope(
        include.stream().map(Glob::of).toList(), exclude.stream().map(Glob::of).toList());
  }

  /** Whether {@code path} is in the effective scope. */
  public boolean contains(String path) {
    return new CompiledScope(this).contains(path);
  }

  /**
   * A path in both effective scopes, or empty when they are disjoint: a shortest path that both
   * could hold, whether or not it exists. Conflicting locks and lanes are those with one.
   */
  public Optional<String> overlap(Scope other) {
    return new CompiledScope(this).overlap(new CompiledScope(other));
  }

  /** Whether {@code path} is one lanes keeps out of every scope (PLAN.md, ledger/, ...). */
  public static boolean neverInScope(String path) {
    for (String root : NEVER_IN_SCOPE) {
      if (path.equals(root) || path.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }
}
