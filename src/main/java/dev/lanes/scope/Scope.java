package dev.lanes.scope;

import java.util.List;

/** A lane's scope: the paths its include globs match, less its exclude globs and never-in-scope. */
public record Scope(List<Glob> include, List<Glob> exclude) {

  /**
   * The paths no lane may own, whatever its globs say, each with everything under it. Kept here
   * rather than beside their automaton in GlobLanguage, so that the many commands which only match
   * paths never build automata (~25 ms of a cold start).
   */
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

  /** Whether {@code path} is in the effective scope (matched directly, not through automata). */
  public boolean contains(String path) {
    return include.stream().anyMatch(g -> g.matches(path))
        && exclude.stream().noneMatch(g -> g.matches(path))
        && !neverInScope(path);
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
