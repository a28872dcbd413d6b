package dev.lanes.scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files and the conflicts of a list of scopes over a repository's tracked files.
 *
 * <p>Identical scopes form one group, and all the work below is per group: ten thousand lanes with
 * the scope {@code src/**} are one group and one conflict, not fifty million pairs; {@link
 * #overlaps()} expands them only for whoever asks for pairs.
 *
 * <p>(1) Files: each group's globs walk the sorted tracked paths ({@link SortedPaths}). (2) Shared
 * files: files are grouped by the exact set of groups holding them, and each set adds its size to
 * every pair in it, so the work is the sum over distinct sets of their squared size, not groups ×
 * groups × files. (3) Paths both could create: only pairs with an include glob each whose literal
 * prefixes are prefixes one of the other can meet; they come from the prefixes sorted, and {@link
 * CompiledScope#overlap} decides them. A group of two or more members conflicts with itself when
 * its scope is not empty. Invariant: a pair is reported exactly when the effective languages
 * intersect, and its example is in both (a shared tracked file when there is one).
 */
public final class ScopeIndex {
  private final SortedPaths paths;
  private final List<CompiledScope> compiled = new ArrayList<>();
  private final int[] groupOf;
  private final List<int[]> members = new ArrayList<>();
  private final List<int[]> files = new ArrayList<>();
  private final List<GroupOverlap> groupOverlaps = new ArrayList<>();

  private ScopeIndex(List<Scope> scopes, SortedPaths paths) {
    this.paths = paths;
    this.groupOf = new int[scopes.size()];
    Map<Scope, List<Integer>> groups = new LinkedHashMap<>();
    for (int a = 0; a < scopes.size(); a++) {
      groups.computeIfAbsent(scopes.get(a), s -> new ArrayList<>()).add(a);
    }
    for (Map.Entry<Scope, List<Integer>> group : groups.entrySet()) {
      int g = compiled.size();
      CompiledScope scope = new CompiledScope(group.getKey());
      compiled.add(scope);
      members.add(group.getValue().stream().mapToInt(Integer::intValue).toArray());
      group.getValue().forEach(a -> groupOf[a] = g);
      files.add(scope.files(paths).stream().toArray());
    }
    // Key a * groups + b: sorted, the pairs come out by a then b.
    Map<Long, GroupOverlap> found = new TreeMap<>(sharedFiles());
    for (long key : candidates()) {
      int a = (int) (key / groups());
      int b = (int) (key % groups());
      if (!found.containsKey(key)) {
        compiled
            .get(a)
            .overlap(compiled.get(b))
            .ifPresent(example -> found.put(key, new GroupOverlap(a, b, 0, example)));
      }
    }
    groupOverlaps.addAll(found.values());
  }

  /** Indexes {@code scopes} (by position) over the repository's {@code trackedFiles}. */
  public static ScopeIndex build(List<Scope> scopes, List<String> trackedFiles) {
    return new ScopeIndex(scopes, SortedPaths.of(trackedFiles));
  }

  /** The tracked files in the effective scope of scope number {@code scope}, sorted. */
  public List<String> files(int scope) {
    return Arrays.stream(files.get(groupOf[scope])).mapToObj(paths::path).sorted().toList();
  }

  /** How many distinct scopes there are: scopes equal in their globs form one group. */
  public int groups() {
    return compiled.size();
  }

  /** The group of scope number {@code scope}; groups are numbered by their first scope. */
  public int groupOf(int scope) {
    return groupOf[scope];
  }

  /** The scopes of a group, ascending. */
  public int[] members(int group) {
    return members.get(group).clone();
  }

  /**
   * The conflicting pairs of groups, sorted by a then b; {@code a == b} when the members of one
   * group conflict with each other (their common scope is not empty).
   */
  public List<GroupOverlap> groupOverlaps() {
    return List.copyOf(groupOverlaps);
  }

  /**
   * Every conflicting pair of scopes, sorted by a then b: {@link #groupOverlaps()} expanded, so as
   * many as the squares of the groups' sizes. For tests and small plans; large ones use groups.
   */
  public List<Overlap> overlaps() {
    List<Overlap> out = new ArrayList<>();
    for (GroupOverlap o : groupOverlaps) {
      for (int x : members.get(o.a())) {
        for (int y : members.get(o.b())) {
          if (o.a() != o.b() || x < y) {
            out.add(
                new Overlap(Math.min(x, y), Math.max(x, y), o.sharedTrackedFiles(), o.example()));
          }
        }
      }
    }
    out.sort(Comparator.comparingInt(Overlap::a).thenComparingInt(Overlap::b));
    return out;
  }

  /** The scopes whose effective language meets any of {@code globs} (hotspot detection). */
  public BitSet touching(List<Glob> globs) {
    BitSet out = new BitSet(groupOf.length);
    for (Glob glob : globs) {
      CompiledScope hotspot = new CompiledScope(new Scope(List.of(glob), List.of()));
      for (int g = 0; g < groups(); g++) {
        if (compiled.get(g).overlap(hotspot).isPresent()) {
          for (int a : members.get(g)) {
            out.set(a);
          }
        }
      }
    }
    return out;
  }

  /** The pairs of groups sharing tracked files, counted per distinct set of owning groups. */
  private Map<Long, GroupOverlap> sharedFiles() {
    List<List<Integer>> owners = new ArrayList<>(paths.size());
    for (int id = 0; id < paths.size(); id++) {
      owners.add(new ArrayList<>(1));
    }
    for (int g = 0; g < groups(); g++) {
      for (int id : files.get(g)) {
        owners.get(id).add(g);
      }
    }
    // Per owner set: how many files it holds and the first of them.
    Map<List<Integer>, int[]> sets = new LinkedHashMap<>();
    for (int id = 0; id < paths.size(); id++) {
      int first = id;
      if (owners.get(id).size() > 1) {
        sets.computeIfAbsent(owners.get(id), s -> new int[] {0, first})[0]++;
      }
    }
    Map<Long, int[]> pairs = new HashMap<>();
    sets.forEach(
        (set, counted) -> {
          for (int i = 0; i < set.size(); i++) {
            for (int j = i + 1; j < set.size(); j++) {
              int[] pair =
                  pairs.computeIfAbsent(
                      key(set.get(i), set.get(j)), k -> new int[] {0, Integer.MAX_VALUE});
              pair[0] += counted[0];
              pair[1] = Math.min(pair[1], counted[1]);
            }
          }
        });
    for (int g = 0; g < groups(); g++) {
      int[] mine = files.get(g);
      if (members.get(g).length > 1 && mine.length > 0) {
        pairs.put(key(g, g), new int[] {mine.length, mine[0]});
      }
    }
    Map<Long, GroupOverlap> out = new HashMap<>();
    pairs.forEach(
        (key, pair) ->
            out.put(
                key,
                new GroupOverlap(
                    (int) (key / groups()), (int) (key % groups()), pair[0], paths.path(pair[1]))));
    return out;
  }

  /**
   * The pairs of groups that could meet: an include glob of each with literal prefixes one a prefix
   * of the other, and every group of two or more members with itself.
   */
  private TreeSet<Long> candidates() {
    record Entry(String prefix, int group) {}
    List<Entry> entries = new ArrayList<>();
    for (int g = 0; g < groups(); g++) {
      for (String prefix : compiled.get(g).prefixes()) {
        entries.add(new Entry(prefix, g));
      }
    }
    entries =
        entries.stream()
            .distinct()
            .sorted(Comparator.comparing(Entry::prefix).thenComparingInt(Entry::group))
            .toList();
    TreeSet<Long> out = new TreeSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry x = entries.get(i);
      for (int j = i + 1;
          j < entries.size() && entries.get(j).prefix().startsWith(x.prefix());
          j++) {
        if (entries.get(j).group() != x.group()) {
          out.add(key(x.group(), entries.get(j).group()));
        }
      }
    }
    for (int g = 0; g < groups(); g++) {
      if (members.get(g).length > 1) {
        out.add(key(g, g));
      }
    }
    return out;
  }

  private long key(int a, int b) {
    return (long) Math.min(a, b) * groups() + Math.max(a, b);
  }
}
