package dev.lanes.port;

/** What the integrator changes: staging, and at the end the target. */
public interface StagingActions {
  /** Makes the staging worktree (or reuses it) and resets it, branch and files, to a commit. */
  void resetTo(String commit);

  /** Moves staging, branch and files, back (or forward) to {@code commit} of its own history. */
  void rewind(String commit);

  /** Throws away whatever is applied but not committed: back to the last staging commit. */
  void discard();

  /** Applies a patch to the index and files, three-way where its context does not match. */
  ApplyOutcome apply(byte[] patch);

  /** Commits the index with {@code message}; returns the new commit. */
  String commit(String message);

  /** Moves {@code target} from {@code expected} to {@code next}, only if still at expected. */
  MoveResult moveTarget(String target, String expected, String next);
}
