package dev.lanes.scope;

import dev.lanes.scope.GlobPattern.AnySegments;
import dev.lanes.scope.GlobPattern.Segment;
import dev.lanes.scope.GlobPattern.SegmentPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tracked paths as a tree of segments, numbered so that every subtree is one id range.
 *
 * <p>Paths are sorted with '/' below every other character; then all paths under a folder are
 * consecutive, and a glob that matches a folder selects one range of ids. Children are kept in name
 * order, so a literal glob segment is a binary search and a glob with a literal prefix only visits
 * that subtree.
 */
final class PathTrie {
  private final String[] paths;
  private final Node root = new Node("", 0, 0);
  private int nodes = 1;

  private static final class Node {
    final String name;
    final int lo;
    final int serial;
    int hi;
    final List<Node> children = new ArrayList<>(0);

    Node(String name, int lo, int serial) {
      this.name = name;
      this.lo = lo;
      this.serial = serial;
    }

    Node child(String name) {
      int a = 0;
      int b = children.size() - 1;
      while (a <= b) {
        int mid = (a + b) >>> 1;
        int cmp = children.get(mid).name.compareTo(name);
        if (cmp == 0) {
          return children.get(mid);
        }
        if (cmp < 0) {
          a = mid + 1;
        } else {
          b = mid - 1;
        }
      }
      return null;
    }
  }

  private PathTrie(String[] paths) {
    this.paths = paths;
    List<Node> stack = new ArrayList<>();
    stack.add(root);
    String[] previous = new String[0];
    for (int id = 0; id < paths.length; id++) {
      String[] parts = paths[id].split("/", -1);
      int common = 0;
      while (common < parts.length
          && common < previous.length
          && common + 1 < stack.size()
          && parts[common].equals(previous[common])) {
        common++;
      }
      while (stack.size() > common + 1) {
        stack.remove(stack.size() - 1);
      }
      for (int d = common; d < parts.length; d++) {
        Node node = new Node(parts[d], id, nodes++);
        stack.get(stack.size() - 1).children.add(node);
        stack.add(node);
      }
      for (Node node : stack) {
        node.hi = id + 1;
      }
      previous = parts;
    }
  }

  /** A trie of {@code trackedFiles}, without duplicates. */
  static PathTrie of(List<String> trackedFiles) {
    // With '/' mapped to NUL, the JDK's fast natural order is the slash-first order.
    String[] keys = new String[trackedFiles.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = trackedFiles.get(i).replace('/', '\0');
    }
    Arrays.sort(keys);
    List<String> sorted = new ArrayList<>(keys.length);
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || !keys[i].equals(keys[i - 1])) {
        sorted.add(keys[i].replace('\0', '/'));
      }
    }
    return new PathTrie(sorted.toArray(new String[0]));
  }

  int size() {
    return paths.length;
  }

  String path(int id) {
    return paths[id];
  }

  /** The id ranges, as sorted, disjoint {@code [lo, hi)} pairs, of the paths the glob matches. */
  int[] match(GlobPattern glob) {
    List<Segment> segments = glob.segments();
    long anySegments = segments.stream().filter(s -> s instanceof AnySegments).count();
    Walk walk = new Walk(segments, anySegments > 1);
    walk.visit(root, 0);
    return merge(walk.ranges, walk.count);
  }

  private static final class Walk {
    final Segment[] segments;
    final Set<Long> seen;
    int[] ranges = new int[16];
    int count;

    Walk(List<Segment> segments, boolean memo) {
      this.segments = segments.toArray(new Segment[0]);
      // With two or more `**`, the same (node, position) is reachable along several routes.
      this.seen = memo ? new HashSet<>() : null;
    }

    void visit(Node node, int g) {
      if (seen != null && !seen.add((long) node.serial * (segments.length + 1) + g)) {
        return;
      }
      if (g == segments.length) {
        add(node.lo, node.hi);
        return;
      }
      Segment segment = segments[g];
      if (segment instanceof AnySegments) {
        visit(node, g + 1);
        for (Node child : node.children) {
          visit(child, g);
        }
        return;
      }
      SegmentPattern pattern = (SegmentPattern) segment;
      if (pattern.literal().isPresent()) {
        Node child = node.child(pattern.literal().get());
        if (child != null) {
          visit(child, g + 1);
        }
        return;
      }
      for (Node child : node.children) {
        if (pattern.matches(child.name)) {
          visit(child, g + 1);
        }
      }
    }

    void add(int lo, int hi) {
      if (count + 2 > ranges.length) {
        ranges = Arrays.copyOf(ranges, ranges.length * 2);
      }
      ranges[count++] = lo;
      ranges[count++] = hi;
    }
  }

  private static int[] merge(int[] ranges, int count) {
    int n = count / 2;
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      packed[i] = ((long) ranges[2 * i] << 32) | ranges[2 * i + 1];
    }
    Arrays.sort(packed);
    int[] out = new int[count];
    int m = 0;
    for (long p : packed) {
      int lo = (int) (p >>> 32);
      int hi = (int) p;
      if (m > 0 && lo <= out[m - 1]) {
        out[m - 1] = Math.max(out[m - 1], hi);
      } else {
        out[m++] = lo;
        out[m++] = hi;
      }
    }
    return Arrays.copyOf(out, m);
  }
}
