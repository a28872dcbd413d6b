package dev.lanes.dispatch;

import dev.lanes.git.GitCli;
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
 * status} plus each listed file's size and modification time before and after.
 */
final class CheckoutWatch {
  private final GitCli git;
  private final Path root;
  private final Map<String, String> before;

  private CheckoutWatch(GitCli git, Path root, Map<String, String> before) {
    this.git = git;
    this.root = root;
    this.before = before;
  }

  static CheckoutWatch start(GitCli git, Path root) {
    return new CheckoutWatch(git, root, snapshot(git, root));
  }

  /** Paths whose state differs from when the watch started, sorted. */
  List<String> changed() {
    Map<String, String> after = snapshot(git, root);
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

  private static Map<String, String> snapshot(GitCli git, Path root) {
    Map<String, String> state = new TreeMap<>();
    String status;
    try {
      status = git.run(root, "status", "--porcelain=v1", "-z", "--untracked-files=all");
    } catch (RuntimeException e) {
      return state;
    }
    for (String entry : status.split("\0")) {
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
