package dev.lanes.cli;

import dev.lanes.scope.Glob;
import dev.lanes.scope.Scope;
import java.util.stream.Collectors;

/** How an effective scope is written for people: the globs, minus the out-of-scope ones. */
final class ScopeText {
  private ScopeText() {}

  static String of(Scope scope) {
    String in = scope.include().stream().map(Glob::text).collect(Collectors.joining(", "));
    if (scope.exclude().isEmpty()) {
      return in;
    }
    return in
        + " minus "
        + scope.exclude().stream().map(Glob::text).collect(Collectors.joining(", "));
  }
}
