package dev.lanes.port;

import java.nio.file.Path;

/**
 * The lanes' linked worktrees, {@code .lanes/worktrees/<lane>} on branch {@code lanes/<lane>} (a
 * tournament attempt: {@code <lane>.<N>} for both), as dispatch and cleanup read and change them.
 */
public interface LaneWorktrees extends WorktreeQueries, WorktreeActions {

  /** The folder of a lane's (or attempt's) worktree: {@code <repo>/.lanes/worktrees/<name>}. */
  static Path path(Path repoRoot, String name) {
    return repoRoot.resolve(".lanes").resolve("worktrees").resolve(checkName(name));
  }

  /** The branch of a lane's (or attempt's) worktree: {@code lanes/<name>}. */
  static String branch(String name) {
    return "lanes/" + checkName(name);
  }

  /** The worktree name of attempt {@code attempt} of a lane in a tournament: {@code <lane>.<N>}. */
  static String attemptName(String lane, int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1: " + attempt);
    }
    return checkName(lane) + "." + attempt;
  }

  // A lane name becomes both a folder name and a ref component: keep it to what is safe in both.
  private static String checkName(String name) {
    if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")
        || name.contains("..")
        || name.endsWith(".lock")
        || name.endsWith(".")) {
      throw new IllegalArgumentException(
          "not usable as a worktree folder and branch name: \"" + name + "\"");
    }
    return name;
  }
}
