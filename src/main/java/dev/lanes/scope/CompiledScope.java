package dev.lanes.scope;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A scope with each of its globs compiled to a {@link Dfa}: what {@link Scope#contains}, the
 * overlap test and {@link ScopeIndex} all decide with.
 *
 * <p>Two scopes meet when some include glob of each, less both scopes' excludes and never-in-scope,
 * holds a valid path: (∪ include A − exclude A) ∩ (∪ include B − exclude B) is the union over
 * include pairs of (ga ∩ gb − exclude A − exclude B). Deciding per pair of globs keeps each search
 * a product of a few small automata. Two globs can only meet when one's literal prefix is a prefix
 * of the other's, so other pairs are not searched.
 */
final class CompiledScope {
  /** {@link Scope#NEVER_IN_SCOPE}, each entry with everything under it. */
  private static final List<Dfa> NEVER =
      Scope.NEVER_IN_SCOPE.stream().map(t -> GlobCompiler.compile(GlobPattern.parse(t))).toList();

  private final List<Dfa> include = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();
  private final List<Dfa> exclude = new ArrayList<>();

  CompiledScope(Scope scope) {
    for (Glob glob : scope.include()) {
      GlobPattern pattern = glob.pattern();
      include.add(GlobCompiler.compile(pattern));
      prefixes.add(pattern.literalPrefix());
    }
    for (Glob glob : scope.exclude()) {
      exclude.add(GlobCompiler.compile(glob.pattern()));
    }
  }

  /** Whether {@code path} is in the effective scope. */
  boolean contains(String path) {
    return include.stream().anyMatch(d -> d.run(path))
        && exclude.stream().noneMatch(d -> d.run(path))
        && !Scope.neverInScope(path);
  }

  /**
   * A path in both scopes, or empty when they are disjoint: the shortest path of the first pair of
   * include globs (in the scopes' order) that meets.
   */
  Optional<String> overlap(CompiledScope other) {
    List<Dfa> none = new ArrayList<>(exclude);
    none.addAll(other.exclude);
    none.addAll(NEVER);
    for (int i = 0; i < include.size(); i++) {
      for (int j = 0; j < other.include.size(); j++) {
        String p = prefixes.get(i);
        String q = other.prefixes.get(j);
        if (!p.startsWith(q) && !q.startsWith(p)) {
          continue;
        }
        // Every path of both starts with the longer prefix: the search starts after it.
        String start = p.length() >= q.length() ? p : q;
        Optional<String> found =
            Dfa.shortest(
                start, List.of(include.get(i), other.include.get(j), Dfa.VALID_PATHS), none);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** The literal prefixes of the include globs, in order. */
  List<String> prefixes() {
    return prefixes;
  }

  /** The ids of the tracked paths in the effective scope. */
  BitSet files(SortedPaths paths) {
    BitSet in = new BitSet();
    BitSet out = new BitSet();
    include.forEach(d -> paths.match(d, in));
    exclude.forEach(d -> paths.match(d, out));
    NEVER.forEach(d -> paths.match(d, out));
    in.andNot(out);
    return in;
  }
}
