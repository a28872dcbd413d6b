package dev.lanes.dispatch;

import dev.lanes.port.WorktreeQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Notices files of the person's own checkout that change while a worker runs: a worker writing
 * there instead of its worktree is how people lose work with peer tools. Compares {@code git
 * status} plus each listed file's size and modification time when the lane's worker starts and when
 * it has ended.
 */
final class CheckoutWatch {
  private final WorktreeQueries worktrees;
  private final Path root;
  private final Map<String, String> before;

  /** Starts watching the checkout at {@code root}; made just before the worker starts. */
  CheckoutWatch(WorktreeQueries worktrees, Path root) {
    this.worktrees = worktrees;
    this.root = root;
    this.before = snapshot();
  }

  /** Paths whose state differs from when the watch started, sorted. */
  List<String> changed() {
    Map<String, String> after = snapshot();
    List<String> changed = new ArrayList<>();
    for (String path : after.keySet()) {
      if (!Objects.equals(before.get(path), after.get(path))) {
        changed.add(path);
      }
    }
    for (String path : before.keySet()) {
      if (!after.containsKey(path)) {
        changed.add(path);
      }
    }
    changed.sort(null);
    return changed;
  }

  private Map<String, String> snapshot() {
    Map<String, String> state = new TreeMap<>();
    List<String> status;
    try {
      status = worktrees.status(root);
    } catch (RuntimeException e) {
      return state;
    }
    for (String entry : status) {
      if (entry.length() < 4) {
        continue;
      }
      String path = entry.substring(3);
      // lanes' own files change during every run (heartbeats, other lanes' entries, a person's
      // edit of the plan): they are no sign of a worker writing outside its worktree.
      if (path.startsWith(".lanes/") || path.equals("PLAN.md") || path.startsWith("ledger/")) {
        continue;
      }
      Path file = root.resolve(path);
      String stamp = entry.substring(0, 2);
      try {
        if (Files.exists(file)) {
          stamp += " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
        }
      } catch (IOException e) {
        stamp += " unreadable";
      }
      state.put(path, stamp);
    }
    return state;
  }
}
