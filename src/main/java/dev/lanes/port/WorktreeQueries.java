package dev.lanes.port;

import java.nio.file.Path;
import java.util.List;

/** What dispatch reads of the repository and its worktrees. */
public interface WorktreeQueries {
  /** The commit id at the tip of {@code branch} (a short name, or a full {@code refs/} name). */
  String baseCommit(Path repoRoot, String branch);

  /** The branch checked out in {@code dir}; empty text on a detached HEAD. */
  String currentBranch(Path dir);

  /**
   * What {@code git status} sees in {@code dir}, untracked files one by one: its {@code
   * --porcelain=v1 -z} records ({@code XY path}), empty when the checkout is clean.
   */
  List<String> status(Path dir);

  /** Every worktree of the repository, the main one first, as git lists them. */
  List<WorktreeEntry> list(Path repoRoot);
}
