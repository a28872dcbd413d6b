package dev.lanes.port;

/**
 * The integrator's git: the integration worktree {@code .lanes/integration} on branch {@code
 * lanes/integration}, what the repository tells about landing, the steps of landing there, and the
 * compare-and-swap of the target branch.
 */
public interface Staging extends StagingQueries, StagingActions {
  String DIR = ".lanes/integration";
  String BRANCH = "lanes/integration";

  /** The key of a lane's attempt in {@link StagingQueries#landedCommits}. */
  static String landedKey(String lane, int attempt) {
    return lane + "\u0000" + attempt;
  }
}
