package dev.lanes.scope;

import dev.lanes.scope.GlobPattern.AnyChar;
import dev.lanes.scope.GlobPattern.AnySegments;
import dev.lanes.scope.GlobPattern.CharClass;
import dev.lanes.scope.GlobPattern.Literal;
import dev.lanes.scope.GlobPattern.SegmentPattern;
import dev.lanes.scope.GlobPattern.Star;
import dev.lanes.scope.GlobPattern.Token;

/**
 * Test oracle: matches a parsed glob against a path directly, segment by segment with backtracking,
 * independently of the DFA engine in src/main.
 */
final class BacktrackingGlob {
  private BacktrackingGlob() {}

  /** Whether {@code path} is matched by {@code glob} (or lies under a matched path). */
  static boolean matches(Glob glob, String path) {
    return matchFrom(glob.pattern(), 0, path.split("/", -1), 0);
  }

  /** Whether {@code path} is in the effective scope, as {@link Scope#contains} says. */
  static boolean contains(Scope scope, String path) {
    return scope.include().stream().anyMatch(g -> matches(g, path))
        && scope.exclude().stream().noneMatch(g -> matches(g, path))
        && Scope.NEVER_IN_SCOPE.stream()
            .noneMatch(root -> path.equals(root) || path.startsWith(root + "/"));
  }

  private static boolean matchFrom(GlobPattern glob, int g, String[] parts, int p) {
    if (g == glob.segments().size()) {
      return p > 0;
    }
    if (p == parts.length) {
      return false;
    }
    if (glob.segments().get(g) instanceof AnySegments) {
      return matchFrom(glob, g + 1, parts, p) || matchFrom(glob, g, parts, p + 1);
    }
    SegmentPattern segment = (SegmentPattern) glob.segments().get(g);
    return segmentMatches(segment, parts[p], 0, 0) && matchFrom(glob, g + 1, parts, p + 1);
  }

  private static boolean segmentMatches(SegmentPattern segment, String name, int t, int i) {
    while (t < segment.tokens().size()) {
      Token token = segment.tokens().get(t);
      if (token instanceof Star) {
        for (int j = i; j <= name.length(); j++) {
          if (segmentMatches(segment, name, t + 1, j)) {
            return true;
          }
        }
        return false;
      }
      if (i >= name.length() || !matchesChar(token, name.charAt(i))) {
        return false;
      }
      t++;
      i++;
    }
    return i == name.length();
  }

  private static boolean matchesChar(Token token, char x) {
    if (token instanceof Literal literal) {
      return x == literal.c();
    }
    if (token instanceof AnyChar) {
      return x != '/';
    }
    CharClass cc = (CharClass) token;
    if (x == '/') {
      return false;
    }
    boolean in = false;
    for (int k = 0; k < cc.ranges().size(); k += 2) {
      in |= cc.ranges().get(k) <= x && x <= cc.ranges().get(k + 1);
    }
    return in != cc.negated();
  }
}
