package dev.lanes.port;

import java.nio.file.Path;

/** Turns what a worker left in its worktree into one commit and one patch (contract 2.3). */
public interface LaneCapture {
  /**
   * Commits everything in {@code worktree} that differs from {@code baseCommit} and returns the
   * patch from the base to that commit; an empty patch when nothing differs.
   */
  CapturedPatch capture(Path worktree, String baseCommit, String message);
}
