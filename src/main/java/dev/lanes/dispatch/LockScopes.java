package dev.lanes.dispatch;

import dev.lanes.lock.LockScope;
import dev.lanes.lock.ScopeOverlap;
import dev.lanes.scope.CompiledScope;
import dev.lanes.scope.Glob;
import dev.lanes.scope.Scope;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether two Locks-table scope cells overlap with the same symbolic glob engine the
 * scheduler uses, so a lock refuses exactly what {@code lanes waves} would keep apart.
 */
public final class LockScopes implements ScopeOverlap {
  private final Map<String, Cell> parsed = new ConcurrentHashMap<>();
  private final Map<String, CompiledScope> compiled = new ConcurrentHashMap<>();

  private record Cell(Scope scope, List<String> prefixes) {}

  /** The Locks-table cell for an effective scope: globs, then {@code !}-prefixed exclusions. */
  public static String cell(Scope scope) {
    return LockScope.scopeText(
        scope.include().stream().map(Glob::text).toList(),
        scope.exclude().stream().map(Glob::text).toList());
  }

  @Override
  public boolean overlaps(String scopeA, String scopeB) {
    // Building a scope's automaton takes milliseconds; most pairs are told apart without it.
    if (!CompiledScope.prefixesMeet(parse(scopeA).prefixes(), parse(scopeB).prefixes())) {
      return false;
    }
    return compile(scopeA).touches(compile(scopeB));
  }

  private Cell parse(String cell) {
    return parsed.computeIfAbsent(
        cell,
        c -> {
          LockScope lock = LockScope.parse(c);
          Scope scope = Scope.of(lock.include(), lock.exclude());
          return new Cell(scope, CompiledScope.prefixes(scope));
        });
  }

  private CompiledScope compile(String cell) {
    return compiled.computeIfAbsent(cell, c -> CompiledScope.of(parse(c).scope()));
  }
}
