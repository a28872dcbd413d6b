package dev.lanes.lock;

import dev.lanes.scope.Glob;
import dev.lanes.scope.Scope;

/**
 * Decides whether two Locks-table scope cells overlap with the same symbolic glob engine the
 * scheduler uses, so a lock refuses exactly what {@code lanes waves} would keep apart.
 */
public final class LockScopes implements ScopeOverlap {
  /** The Locks-table cell for an effective scope: globs, then {@code !}-prefixed exclusions. */
  public static String cell(Scope scope) {
    return LockScope.scopeText(
        scope.include().stream().map(Glob::text).toList(),
        scope.exclude().stream().map(Glob::text).toList());
  }

  @Override
  public boolean overlaps(String scopeA, String scopeB) {
    return scope(scopeA).overlap(scope(scopeB)).isPresent();
  }

  private static Scope scope(String cell) {
    LockScope parsed = LockScope.parse(cell);
    return Scope.of(parsed.include(), parsed.exclude());
  }
}
