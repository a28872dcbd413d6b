package dev.lanes.scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files and the conflicts of a list of scopes over a repository's tracked files.
 *
 * <p>Algorithm. (1) Files: each distinct glob walks a trie of the tracked paths once (a literal
 * prefix only visits its subtree) and yields id ranges; a scope's files are its include ranges less
 * its exclude and never-in-scope ranges. (2) Shared files: files are grouped by the exact set of
 * scopes holding them, and each group adds its size to every pair in its set, so the work is the
 * sum over distinct sets of their squared size, not lanes × lanes × files. (3) Symbolic conflicts:
 * since (∪ include A − exclude A) ∩ (∪ include B − exclude B) is the union over include pairs of
 * (ga ∩ gb − exclude A − exclude B), it is decided per pair of distinct include globs. Two globs
 * can only meet when one's literal prefix is a prefix of the other's, so candidate pairs come from
 * the globs sorted by prefix; a glob opening with {@code **}{@code /} meets every non-empty glob
 * (p/t is in both), so it needs no search; other pairs are decided once by a breadth-first search
 * of the product of the two glob automata, valid paths and never-in-scope. Each result fans out to
 * the scopes owning the globs. When an owner's excludes remove the example, the pair is searched
 * again less the excludes that bit, cached by glob pair and exclude set. Invariant: a pair is
 * reported exactly when the effective languages intersect, and its example is in both.
 *
 * <p>Identical scopes are one group: the work above runs on one scope per group (plus a twin of it
 * when the group has two or more members, so that the members' conflict with each other is decided
 * by the same search), and conflicts are kept per pair of groups. Ten thousand lanes with the scope
 * {@code src/**} are one group and one conflict, not fifty million pairs; {@link #overlaps()}
 * expands them only for whoever asks for pairs.
 */
public final class ScopeIndex {
  // GlobLanguage's automata (valid paths, never-in-scope) are read where a search needs them, not
  // held in fields: most indexes of a run decide every pair on literal prefixes and files alone,
  // and building those automata costs ~25 ms of a cold start.
  /** Components: glob, glob, valid paths, never-in-scope. */
  private static final Dfa.Condition BOTH_NOT_NEVER =
      new Dfa.Condition(new int[][] {{0}, {1}, {2}}, new int[] {3});

  // The scopes the search works on: one per group (group g at index g), then a twin of each group
  // of two or more members.
  private final List<Scope> scopes;
  private final int groups;
  private final int[] groupOf;
  private final int[][] members;
  private final PathTrie trie;
  private final int[][] files;
  private final List<GroupOverlap> groupOverlaps;
  private List<Overlap> overlaps;
  private final Map<String, Dfa> automata = new ConcurrentHashMap<>();
  private final Map<String, GlobPattern> parsed = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> singles = new HashMap<>();
  private final Map<String, Optional<String>> tails = new HashMap<>();

  private ScopeIndex(List<Scope> all, PathTrie trie) {
    Map<Scope, Integer> ids = new HashMap<>();
    List<Scope> distinct = new ArrayList<>();
    List<List<Integer>> memberLists = new ArrayList<>();
    this.groupOf = new int[all.size()];
    for (int a = 0; a < all.size(); a++) {
      Integer g = ids.get(all.get(a));
      if (g == null) {
        g = distinct.size();
        ids.put(all.get(a), g);
        distinct.add(all.get(a));
        memberLists.add(new ArrayList<>());
      }
      groupOf[a] = g;
      memberLists.get(g).add(a);
    }
    this.groups = distinct.size();
    this.members = new int[groups][];
    int[] twinGroup = new int[groups];
    List<Scope> searched = new ArrayList<>(distinct);
    for (int g = 0; g < groups; g++) {
      members[g] = memberLists.get(g).stream().mapToInt(Integer::intValue).toArray();
      if (members[g].length > 1) {
        twinGroup[searched.size() - groups] = g;
        searched.add(distinct.get(g));
      }
    }
    this.scopes = List.copyOf(searched);
    this.trie = trie;
    Map<String, int[]> ranges = new HashMap<>();
    int[] neverRanges = new int[0];
    for (String root : Scope.NEVER_IN_SCOPE) {
      neverRanges = union(neverRanges, trie.match(GlobPattern.parse(root)));
    }
    this.files = new int[scopes.size()][];
    for (int a = 0; a < scopes.size(); a++) {
      if (a >= groups) {
        files[a] = files[twinGroup[a - groups]];
        continue;
      }
      int[] in = new int[0];
      for (Glob g : scopes.get(a).include()) {
        in = union(in, ranges.computeIfAbsent(g.text(), t -> trie.match(pattern(g))));
      }
      int[] out = neverRanges;
      for (Glob g : scopes.get(a).exclude()) {
        out = union(out, ranges.computeIfAbsent(g.text(), t -> trie.match(pattern(g))));
      }
      files[a] = expand(minus(in, out));
    }
    Map<Long, Pair> pairs = sharedFiles();
    symbolicPairs(pairs);
    long[] keys = new long[pairs.size()];
    int k = 0;
    for (long key : pairs.keySet()) {
      keys[k++] = key;
    }
    Arrays.sort(keys);
    List<GroupOverlap> result = new ArrayList<>(keys.length);
    long n = scopes.size();
    for (long key : keys) {
      int a = (int) (key / n);
      int b = (int) (key % n);
      if (a >= groups || (b >= groups && twinGroup[b - groups] != a)) {
        continue; // a twin's conflicts with other groups are its original's
      }
      Pair p = pairs.get(key);
      String example = p.shared > 0 ? trie.path(p.firstFile) : p.symbolic;
      result.add(new GroupOverlap(a, b < groups ? b : a, p.shared, example));
    }
    result.sort(Comparator.comparingInt(GroupOverlap::a).thenComparingInt(GroupOverlap::b));
    this.groupOverlaps = List.copyOf(result);
  }

  /** Indexes {@code scopes} (by position) over the repository's {@code trackedFiles}. */
  public static ScopeIndex build(List<Scope> scopes, List<String> trackedFiles) {
    return new ScopeIndex(scopes, PathTrie.of(trackedFiles));
  }

  /** The tracked files in the effective scope of scope number {@code scope}, sorted. */
  public List<String> files(int scope) {
    int[] ids = files[groupOf[scope]];
    String[] out = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = trie.path(ids[i]);
    }
    Arrays.sort(out);
    return List.of(out);
  }

  /** How many distinct scopes there are: scopes equal in their globs form one group. */
  public int groups() {
    return groups;
  }

  /** The group of scope number {@code scope}; groups are numbered by their first scope. */
  public int groupOf(int scope) {
    return groupOf[scope];
  }

  /** The scopes of a group, ascending. */
  public int[] members(int group) {
    return members[group].clone();
  }

  /**
   * The conflicting pairs of groups, sorted by a then b; {@code a == b} when the members of one
   * group conflict with each other (their common scope is not empty).
   */
  public List<GroupOverlap> groupOverlaps() {
    return groupOverlaps;
  }

  /**
   * Every conflicting pair of scopes, sorted by a then b: {@link #groupOverlaps()} expanded, so as
   * many as the squares of the groups' sizes. For tests and small plans; large ones use groups.
   */
  public List<Overlap> overlaps() {
    if (overlaps == null) {
      List<Overlap> out = new ArrayList<>();
      for (GroupOverlap o : groupOverlaps) {
        for (int x : members[o.a()]) {
          for (int y : members[o.b()]) {
            if (o.a() != o.b() || x < y) {
              out.add(
                  new Overlap(Math.min(x, y), Math.max(x, y), o.sharedTrackedFiles(), o.example()));
            }
          }
        }
      }
      out.sort(Comparator.comparingInt(Overlap::a).thenComparingInt(Overlap::b));
      overlaps = List.copyOf(out);
    }
    return overlaps;
  }

  /** The scopes whose effective language meets any of {@code globs} (hotspot detection). */
  public BitSet touching(List<Glob> globs) {
    BitSet out = new BitSet(groups);
    for (Glob h : globs) {
      Dfa hd = dfa(h);
      String hp = h.literalPrefix();
      for (int a = 0; a < groups; a++) {
        if (out.get(a)) {
          continue;
        }
        Scope scope = scopes.get(a);
        boolean candidate =
            scope.include().stream().anyMatch(g -> compatible(g.literalPrefix(), hp));
        if (!candidate) {
          continue;
        }
        if (scope.exclude().isEmpty()) {
          for (Glob g : scope.include()) {
            if (compatible(g.literalPrefix(), hp)
                && Dfa.shortest(
                        new Dfa[] {dfa(g), hd, GlobLanguage.VALID_DFA, GlobLanguage.NEVER_DFA},
                        BOTH_NOT_NEVER)
                    .isPresent()) {
              out.set(a);
              break;
            }
          }
        } else if (scopeProduct(a, hd).isPresent()) {
          out.set(a);
        }
      }
    }
    BitSet scopesOut = new BitSet(groupOf.length);
    for (int g = out.nextSetBit(0); g >= 0; g = out.nextSetBit(g + 1)) {
      for (int a : members[g]) {
        scopesOut.set(a);
      }
    }
    return scopesOut;
  }

  private static boolean compatible(String p, String q) {
    return p.startsWith(q) || q.startsWith(p);
  }

  private Dfa dfa(Glob glob) {
    return automata.computeIfAbsent(glob.text(), t -> GlobCompiler.compile(pattern(glob)));
  }

  private GlobPattern pattern(Glob glob) {
    return parsed.computeIfAbsent(glob.text(), t -> glob.pattern());
  }

  /** What is known about one pair of scopes while building. */
  private static final class Pair {
    int shared;
    int firstFile = Integer.MAX_VALUE;
    String symbolic;
  }

  /** The map key of a pair: dense (a * n + b), so Long's hash spreads well and order is (a, b). */
  private long key(int a, int b) {
    long n = scopes.size();
    return a < b ? a * n + b : b * n + a;
  }

  /** Pairs sharing tracked files, counted per distinct set of owning scopes. */
  private Map<Long, Pair> sharedFiles() {
    int n = scopes.size();
    int f = trie.size();
    int[] count = new int[f + 1];
    for (int[] ids : files) {
      for (int id : ids) {
        count[id + 1]++;
      }
    }
    for (int i = 0; i < f; i++) {
      count[i + 1] += count[i];
    }
    int[] owners = new int[count[f]];
    int[] fill = Arrays.copyOf(count, f);
    for (int a = 0; a < n; a++) {
      for (int id : files[a]) {
        owners[fill[id]++] = a;
      }
    }
    // Group files by their owner set; each group remembers its size and its first file.
    Map<OwnerSet, int[]> groups = new LinkedHashMap<>();
    for (int id = 0; id < f; id++) {
      if (count[id + 1] - count[id] < 2) {
        continue;
      }
      OwnerSet set = new OwnerSet(owners, count[id], count[id + 1]);
      int[] g = groups.get(set);
      if (g == null) {
        groups.put(set, new int[] {1, id});
      } else {
        g[0]++;
      }
    }
    Map<Long, Pair> pairs = new HashMap<>();
    // Accumulate row by row in flat arrays: the hash map only sees each pair once.
    List<List<OwnerSet>> byFirst = new ArrayList<>(n);
    for (int a = 0; a < n; a++) {
      byFirst.add(new ArrayList<>());
    }
    for (OwnerSet set : groups.keySet()) {
      for (int i = set.from; i < set.to - 1; i++) {
        byFirst.get(set.owners[i]).add(set);
      }
    }
    int[] shared = new int[n];
    int[] first = new int[n];
    Arrays.fill(first, Integer.MAX_VALUE);
    int[] touched = new int[n];
    for (int a = 0; a < n; a++) {
      int t = 0;
      for (OwnerSet set : byFirst.get(a)) {
        int[] g = groups.get(set);
        int i = set.from;
        while (set.owners[i] != a) {
          i++;
        }
        for (int j = i + 1; j < set.to; j++) {
          int b = set.owners[j];
          if (shared[b] == 0) {
            touched[t++] = b;
          }
          shared[b] += g[0];
          first[b] = Math.min(first[b], g[1]);
        }
      }
      for (int k = 0; k < t; k++) {
        int b = touched[k];
        Pair p = new Pair();
        p.shared = shared[b];
        p.firstFile = first[b];
        pairs.put(key(a, b), p);
        shared[b] = 0;
        first[b] = Integer.MAX_VALUE;
      }
    }
    return pairs;
  }

  /** A slice of the owners array, compared by content. */
  private static final class OwnerSet {
    final int[] owners;
    final int from;
    final int to;
    final int hash;

    OwnerSet(int[] owners, int from, int to) {
      this.owners = owners;
      this.from = from;
      this.to = to;
      int h = 1;
      for (int i = from; i < to; i++) {
        h = 31 * h + owners[i];
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof OwnerSet other
          && Arrays.equals(owners, from, to, other.owners, other.from, other.to);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** Adds the pairs whose languages intersect although they share no tracked file. */
  private void symbolicPairs(Map<Long, Pair> pairs) {
    int n = scopes.size();
    boolean[] excludes = new boolean[n];
    Map<String, Glob> globs = new LinkedHashMap<>();
    Map<String, List<Integer>> owners = new HashMap<>();
    for (int a = 0; a < n; a++) {
      excludes[a] = !scopes.get(a).exclude().isEmpty();
      for (Glob g : scopes.get(a).include()) {
        globs.putIfAbsent(g.text(), g);
        List<Integer> list = owners.computeIfAbsent(g.text(), t -> new ArrayList<>());
        if (list.isEmpty() || list.get(list.size() - 1) != a) {
          list.add(a);
        }
      }
    }
    Map<String, String> prefixes = new HashMap<>();
    for (Glob g : globs.values()) {
      prefixes.put(g.text(), pattern(g).literalPrefix());
    }
    List<Glob> sorted = new ArrayList<>(globs.values());
    sorted.sort(Comparator.comparing((Glob g) -> prefixes.get(g.text())).thenComparing(Glob::text));
    String[] prefix = new String[sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      prefix[i] = prefixes.get(sorted.get(i).text());
    }
    String[] exclusionKey = new String[n];
    for (int a = 0; a < n; a++) {
      exclusionKey[a] =
          String.join("\0", scopes.get(a).exclude().stream().map(Glob::text).sorted().toList());
    }
    // Decided once per glob pair and pair of exclude sets, however many scopes share them.
    Map<String, Optional<String>> carved = new HashMap<>();
    List<List<Integer>> ownersOf = new ArrayList<>(sorted.size());
    for (Glob g : sorted) {
      ownersOf.add(owners.get(g.text()));
    }
    Deep deep = new Deep(sorted);
    for (int i = 0; i < sorted.size(); i++) {
      List<Integer> left = ownersOf.get(i);
      for (int j = i; j < sorted.size() && prefix[j].startsWith(prefix[i]); j++) {
        List<Integer> right = ownersOf.get(j);
        if (left.size() == 1 && right.size() == 1 && left.get(0).equals(right.get(0))) {
          continue;
        }
        Optional<String> example = Optional.empty();
        boolean decided = false;
        for (int a : left) {
          for (int b : right) {
            if (a == b) {
              continue;
            }
            long key = key(a, b);
            Pair known = pairs.get(key);
            if (known != null && known.shared > 0) {
              continue;
            }
            if (!decided
                && known != null
                && known.symbolic != null
                && !excludes[a]
                && !excludes[b]
                && !deep.shorter(i, j, known.symbolic)) {
              continue;
            }
            if (!decided) {
              example = globPair(sorted.get(i), sorted.get(j));
              decided = true;
            }
            if (example.isEmpty()) {
              break;
            }
            // When the glob pair's shortest path is carved out, search again less the excludes
            // that bit, one scope's at a time: keys then rarely depend on the other scope.
            Optional<String> found = example;
            boolean useA = false;
            boolean useB = false;
            while (found.isPresent()) {
              boolean hitA = !useA && excludes[a] && excluded(a, found.get());
              boolean hitB = !useB && excludes[b] && excluded(b, found.get());
              if (!hitA && !hitB) {
                break;
              }
              Glob gi = sorted.get(i);
              Glob gj = sorted.get(j);
              // Most carve-outs are of dotfiles (".gradle" from "*.gradle"): try "x.gradle" first.
              String visible = visible(found.get());
              if (!visible.equals(found.get())
                  && dfa(gi).run(visible)
                  && dfa(gj).run(visible)
                  && !GlobLanguage.NEVER_DFA.run(visible)
                  && !excluded(a, visible)
                  && !excluded(b, visible)) {
                found = Optional.of(visible);
                break;
              }
              useA |= hitA;
              useB |= hitB;
              int sa = useA ? a : -1;
              int sb = useB ? b : -1;
              String carveKey =
                  i
                      + ","
                      + j
                      + ","
                      + (useA ? exclusionKey[a] : "")
                      + "\1"
                      + (useB ? exclusionKey[b] : "");
              found = carved.computeIfAbsent(carveKey, k -> carvedPair(gi, sa, gj, sb));
            }
            if (found.isEmpty()) {
              continue;
            }
            if (known == null) {
              known = new Pair();
              known.shared = 0;
              pairs.put(key, known);
            }
            if (known.symbolic == null || shorter(found.get(), known.symbolic)) {
              known.symbolic = found.get();
            }
          }
          if (decided && example.isEmpty()) {
            break;
          }
        }
      }
    }
  }

  /** A path in both globs and not never-in-scope, or empty when there is none. */
  private Optional<String> globPair(Glob gi, Glob gj) {
    // A glob opening with `**` meets every glob with a path p: p/t is in both, t from its tail.
    if (gj.text().startsWith("**/")) {
      return under(alone(gi), tail(gj));
    }
    if (gi.text().startsWith("**/")) {
      return under(alone(gj), tail(gi));
    }
    return Dfa.shortest(
        new Dfa[] {dfa(gi), dfa(gj), GlobLanguage.VALID_DFA, GlobLanguage.NEVER_DFA},
        BOTH_NOT_NEVER);
  }

  /**
   * For pairs with a {@code **}{@code /} glob, whether their example ({@link #globPair}) would be
   * shorter than one already found, decided without building it, from each glob's parts looked up
   * once: 2,000 such globs are 2 million pairs, nearly all of whose examples lose.
   */
  private final class Deep {
    private final List<Glob> globs;
    private final boolean[] deep;
    private final List<Optional<String>> alone;
    private final List<Optional<String>> tail;

    Deep(List<Glob> globs) {
      this.globs = globs;
      this.deep = new boolean[globs.size()];
      this.alone = new ArrayList<>(java.util.Collections.nCopies(globs.size(), null));
      this.tail = new ArrayList<>(java.util.Collections.nCopies(globs.size(), null));
      for (int i = 0; i < deep.length; i++) {
        deep[i] = globs.get(i).text().startsWith("**/");
      }
    }

    /** True when it cannot tell (neither glob opens with {@code **}{@code /}). */
    boolean shorter(int i, int j, String known) {
      int whole;
      int deepOne;
      if (deep[j]) {
        whole = i;
        deepOne = j;
      } else if (deep[i]) {
        whole = j;
        deepOne = i;
      } else {
        return true;
      }
      if (alone.get(whole) == null) {
        alone.set(whole, alone(globs.get(whole)));
      }
      if (tail.get(deepOne) == null) {
        tail.set(deepOne, tail(globs.get(deepOne)));
      }
      if (alone.get(whole).isEmpty() || tail.get(deepOne).isEmpty()) {
        return false; // no example at all
      }
      String p = alone.get(whole).get();
      String t = tail.get(deepOne).get();
      int length = t.isEmpty() ? p.length() : p.length() + 1 + t.length();
      if (length != known.length()) {
        return length < known.length();
      }
      for (int x = 0; x < length; x++) {
        char c =
            x < p.length() ? p.charAt(x) : x == p.length() ? '/' : t.charAt(x - p.length() - 1);
        if (c != known.charAt(x)) {
          return c < known.charAt(x);
        }
      }
      return false;
    }
  }

  private static Optional<String> under(Optional<String> path, Optional<String> tail) {
    if (path.isEmpty() || tail.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(tail.get().isEmpty() ? path.get() : path.get() + "/" + tail.get());
  }

  /** A shortest valid path of the glob that is not never-in-scope. */
  private Optional<String> alone(Glob g) {
    return singles.computeIfAbsent(
        g.text(),
        t ->
            Dfa.shortest(
                new Dfa[] {dfa(g), GlobLanguage.VALID_DFA, GlobLanguage.NEVER_DFA},
                new Dfa.Condition(new int[][] {{0}, {1}}, new int[] {2})));
  }

  /** For {@code **}{@code /T}: a shortest valid path of T, or "" when T is empty. */
  private Optional<String> tail(Glob g) {
    String rest = g.text().substring(3);
    if (rest.isEmpty()) {
      return Optional.of("");
    }
    // Parsed inside the cache's miss only: every glob pair with a `**/` glob asks for its tail, so
    // parsing it first cost 2,000 globs' 2 million pairs a parse each (6.5 s).
    return tails.computeIfAbsent(
        g.text(),
        k ->
            Dfa.shortest(
                new Dfa[] {dfa(Glob.of(rest)), GlobLanguage.VALID_DFA},
                new Dfa.Condition(new int[][] {{0}, {1}}, new int[0])));
  }

  /** {@code path} with an "x" before every segment that starts with a dot. */
  private static String visible(String path) {
    return ("/" + path).replace("/.", "/x.").substring(1);
  }

  private boolean excluded(int a, String path) {
    for (Glob g : scopes.get(a).exclude()) {
      if (dfa(g).run(path)) {
        return true;
      }
    }
    return false;
  }

  private static boolean shorter(String x, String y) {
    return x.length() != y.length() ? x.length() < y.length() : x.compareTo(y) < 0;
  }

  /**
   * A shortest path in globs {@code gi} and {@code gj}, less the excludes of scopes a, b (-1:
   * none).
   */
  private Optional<String> carvedPair(Glob gi, int a, Glob gj, int b) {
    List<Dfa> dfas =
        new ArrayList<>(List.of(dfa(gi), dfa(gj), GlobLanguage.VALID_DFA, GlobLanguage.NEVER_DFA));
    List<Integer> negatives = new ArrayList<>(List.of(3));
    for (int s : new int[] {a, b}) {
      for (Glob g : s < 0 ? List.<Glob>of() : scopes.get(s).exclude()) {
        negatives.add(dfas.size());
        dfas.add(dfa(g));
      }
    }
    return Dfa.shortest(
        dfas.toArray(new Dfa[0]),
        new Dfa.Condition(
            new int[][] {{0}, {1}, {2}}, negatives.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** A shortest path in scope {@code a} and in the language of {@code other}. */
  private Optional<String> scopeProduct(int a, Dfa other) {
    List<Dfa> dfas = new ArrayList<>();
    List<Integer> negatives = new ArrayList<>();
    int[] in = components(scopes.get(a), dfas, negatives);
    int h = dfas.size();
    dfas.add(other);
    int v = dfas.size();
    dfas.add(GlobLanguage.VALID_DFA);
    negatives.add(dfas.size());
    dfas.add(GlobLanguage.NEVER_DFA);
    return Dfa.shortest(
        dfas.toArray(new Dfa[0]),
        new Dfa.Condition(
            new int[][] {in, {h}, {v}}, negatives.stream().mapToInt(Integer::intValue).toArray()));
  }

  private int[] components(Scope scope, List<Dfa> dfas, List<Integer> negatives) {
    int[] in = new int[scope.include().size()];
    for (int i = 0; i < in.length; i++) {
      in[i] = dfas.size();
      dfas.add(dfa(scope.include().get(i)));
    }
    for (Glob g : scope.exclude()) {
      negatives.add(dfas.size());
      dfas.add(dfa(g));
    }
    return in;
  }

  private static int[] union(int[] x, int[] y) {
    int[] out = new int[x.length + y.length];
    int i = 0;
    int j = 0;
    int m = 0;
    while (i < x.length || j < y.length) {
      int lo;
      int hi;
      if (j >= y.length || (i < x.length && x[i] <= y[j])) {
        lo = x[i];
        hi = x[i + 1];
        i += 2;
      } else {
        lo = y[j];
        hi = y[j + 1];
        j += 2;
      }
      if (m > 0 && lo <= out[m - 1]) {
        out[m - 1] = Math.max(out[m - 1], hi);
      } else {
        out[m++] = lo;
        out[m++] = hi;
      }
    }
    return Arrays.copyOf(out, m);
  }

  private static int[] minus(int[] x, int[] y) {
    List<Integer> out = new ArrayList<>();
    int j = 0;
    for (int i = 0; i < x.length; i += 2) {
      int lo = x[i];
      int hi = x[i + 1];
      while (j < y.length && y[j + 1] <= lo) {
        j += 2;
      }
      int k = j;
      while (lo < hi && k < y.length && y[k] < hi) {
        if (y[k] > lo) {
          out.add(lo);
          out.add(y[k]);
        }
        lo = Math.max(lo, y[k + 1]);
        k += 2;
      }
      if (lo < hi) {
        out.add(lo);
        out.add(hi);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] expand(int[] ranges) {
    int size = 0;
    for (int i = 0; i < ranges.length; i += 2) {
      size += ranges[i + 1] - ranges[i];
    }
    int[] out = new int[size];
    int m = 0;
    for (int i = 0; i < ranges.length; i += 2) {
      for (int id = ranges[i]; id < ranges[i + 1]; id++) {
        out[m++] = id;
      }
    }
    return out;
  }
}
