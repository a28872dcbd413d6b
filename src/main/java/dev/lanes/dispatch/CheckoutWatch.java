package dev.lanes.dispatch;

import dev.lanes.git.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Notices files of the person's own checkout that change while a worker runs: a worker writing
 * there instead of its worktree is how people lose work with peer tools. Compares {@code git
 * status} plus each listed file's size and modification time before and after.
 */
final class CheckoutWatch {
  private final Snapshots shared;
  private final Map<String, String> before;

  private CheckoutWatch(Snapshots shared, Map<String, String> before) {
    this.shared = shared;
    this.before = before;
  }

  /** Starts watching the checkout; the watch must be ended by {@link #changed()}. */
  static CheckoutWatch start(Snapshots shared) {
    return new CheckoutWatch(shared, shared.begin());
  }

  /** Paths whose state differs from when the watch started, sorted; ends the watch. */
  List<String> changed() {
    Map<String, String> after = shared.end();
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

  /**
   * The checkout snapshots of one dispatch. When lanes run one at a time, the snapshot taken as a
   * lane ends is the next lane's start: between the two only lanes' own files change, and those are
   * left out of every snapshot, so a change a person makes in that gap is still reported (by the
   * next lane) rather than missed. While other lanes run, every watch takes its own snapshot.
   */
  static final class Snapshots {
    private final GitCli git;
    private final Path root;
    private int watching;
    private Optional<Map<String, String>> last = Optional.empty();

    Snapshots(GitCli git, Path root) {
      this.git = git;
      this.root = root;
    }

    synchronized Map<String, String> begin() {
      Map<String, String> start =
          watching == 0 && last.isPresent() ? last.get() : snapshot(git, root);
      last = Optional.empty();
      watching++;
      return start;
    }

    Map<String, String> end() {
      Map<String, String> after = snapshot(git, root);
      synchronized (this) {
        watching--;
        // Only a snapshot taken with no other watch open may start the next one: a lane that
        // began meanwhile may have changed the checkout after this snapshot was taken.
        last = watching == 0 ? Optional.of(after) : Optional.empty();
      }
      return after;
    }
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
