package dev.lanes.port;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One worktree as {@code git worktree list} reports it: where it is, its branch (short name, empty
 * when detached), its HEAD commit, and whether git thinks it can be pruned (its folder is gone).
 */
public record WorktreeEntry(Path path, Optional<String> branch, String head, boolean prunable) {
  public WorktreeEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(head, "head");
  }
}
