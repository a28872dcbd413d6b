package dev.lanes.lock;

import dev.lanes.scope.CompiledScope;
import dev.lanes.scope.Glob;
import dev.lanes.scope.Scope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether two Locks-table scope cells overlap with the same symbolic glob engine the
 * scheduler uses, so a lock refuses exactly what {@code lanes waves} would keep apart.
 */
public final class LockScopes implements ScopeOverlap {
  private final Map<String, CompiledScope> compiled = new ConcurrentHashMap<>();

  /** The Locks-table cell for an effective scope: globs, then {@code !}-prefixed exclusions. */
  public static String cell(Scope scope) {
    return LockScope.scopeText(
        scope.include().stream().map(Glob::text).toList(),
        scope.exclude().stream().map(Glob::text).toList());
  }

  @Override
  public boolean overlaps(String scopeA, String scopeB) {
    return compile(scopeA).touches(compile(scopeB));
  }

  private CompiledScope compile(String cell) {
    return compiled.computeIfAbsent(
        cell,
        c -> {
          LockScope parsed = LockScope.parse(c);
          return CompiledScope.of(Scope.of(parsed.include(), parsed.exclude()));
        });
  }
}
