package dev.lanes.port;

import java.nio.file.Path;

/** What dispatch and cleanup change: worktrees and their branches. */
public interface WorktreeActions {
  /**
   * Makes the worktree {@code .lanes/worktrees/<name>} on branch {@code lanes/<name>} at {@code
   * baseCommit}; {@code existing} says what becomes of a branch left by an earlier attempt. Returns
   * the worktree path.
   */
  Path add(Path repoRoot, String name, String baseCommit, ExistingBranch existing);

  /** Removes the worktree of a lane or attempt; its branch stays. */
  void remove(Path repoRoot, String name, boolean force);

  /** Deletes the branch {@code lanes/<name>}, if it exists; {@code force} also when unmerged. */
  void deleteBranch(Path repoRoot, String name, boolean force);

  /** Forgets the registrations of worktrees whose folders are gone. */
  void prune(Path repoRoot);
}
