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
import java.util.concurrent.CompletableFuture;

/**
 * Notices files of the person's own checkout that change while a worker runs: a worker writing
 * there instead of its worktree is how people lose work with peer tools. Compares {@code git
 * status} plus each listed file's size and modification time before and after.
 */
final class CheckoutWatch {
  private final Snapshots shared;
  private final Map<String, String> before;
  private boolean workerStarted;

  private CheckoutWatch(Snapshots shared, Map<String, String> before) {
    this.shared = shared;
    this.before = before;
  }

  /**
   * Starts watching the checkout, before the lane's worker starts (a lane begins its watch while
   * its worktree is made); the watch must be ended by {@link #changed()}.
   */
  static CheckoutWatch start(Snapshots shared) {
    return new CheckoutWatch(shared, shared.begin());
  }

  /** Says that the lane's worker has started: from now on the checkout may change under it. */
  void workerStarted() {
    if (!workerStarted) {
      workerStarted = true;
      shared.workerStarted();
    }
  }

  /** Paths whose state differs from when the watch started, sorted; ends the watch. */
  List<String> changed() {
    Map<String, String> after = shared.end(workerStarted);
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
   * The checkout snapshots of one dispatch. A snapshot taken while no worker ran starts every watch
   * that begins before the next worker starts: only workers and people change the checkout, and a
   * person's change in that gap is still reported (by the next lane) rather than missed. So lanes
   * that start together share one {@code git status}, and when lanes run one at a time the snapshot
   * taken as a lane ends is the next lane's start. A watch that begins after another worker started
   * takes its own, so that worker's writes are not laid at this lane's door.
   */
  static final class Snapshots {
    private final GitCli git;
    private final Path root;

    /** Workers started whose watch has not ended. */
    private int running;

    /** How many workers have started: a snapshot is shared only while this has not moved. */
    private long generation;

    /** The shareable snapshot, taken (or being taken) at {@link #sharedGeneration}. */
    private CompletableFuture<Map<String, String>> shared;

    private long sharedGeneration = -1;

    Snapshots(GitCli git, Path root) {
      this.git = git;
      this.root = root;
    }

    Map<String, String> begin() {
      CompletableFuture<Map<String, String>> mine;
      boolean take = false;
      synchronized (this) {
        if (shared != null && sharedGeneration == generation) {
          mine = shared;
        } else {
          mine = new CompletableFuture<>();
          take = true;
          if (running == 0) {
            shared = mine;
            sharedGeneration = generation;
          }
        }
      }
      if (take) {
        // Outside the monitor: a worker starting meanwhile must not wait for git.
        try {
          mine.complete(snapshot(git, root));
        } catch (RuntimeException e) {
          mine.completeExceptionally(e);
          throw e;
        }
      }
      return mine.join();
    }

    synchronized void workerStarted() {
      running++;
      generation++;
    }

    Map<String, String> end(boolean hadWorker) {
      long at;
      boolean quiet;
      synchronized (this) {
        if (hadWorker) {
          running--;
        }
        at = generation;
        quiet = running == 0;
      }
      Map<String, String> after = snapshot(git, root);
      synchronized (this) {
        // Only a snapshot taken while no other worker ran, and none started, may start the next
        // watch: a worker running meanwhile may have changed the checkout after it was taken.
        if (quiet && generation == at) {
          shared = CompletableFuture.completedFuture(after);
          sharedGeneration = at;
        }
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
