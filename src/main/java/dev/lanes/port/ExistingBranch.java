package dev.lanes.port;

/** What {@link WorktreeActions#add} does with a lane branch left over from an earlier attempt. */
public enum ExistingBranch {
  /** Check the branch out as it is, keeping the earlier attempt's commits (resume). */
  REUSE,
  /**
   * Start again from the base commit: the branch is moved back to it and a worktree still
   * registered for the lane is removed first, with whatever was in it.
   */
  RESET
}
