package dev.lanes.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where a worktree keeps its own git files and the shared ones, and the ref locks among them. */
public final class GitDirs {
  private GitDirs() {}

  /** A worktree's own folder ({@code HEAD}, {@code index}) and the shared one (refs, objects). */
  public record Layout(Path gitDir, Path commonDir) {}

  /**
   * A worktree's git folders read from its {@code .git} file (a linked worktree) or folder (a main
   * checkout), as git finds them, without a process.
   */
  public static Optional<Layout> layout(Path worktree) {
    try {
      Path dotGit = worktree.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return Optional.of(new Layout(dotGit, dotGit));
      }
      if (!Files.isRegularFile(dotGit)) {
        return Optional.empty();
      }
      String link = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
      if (!link.startsWith("gitdir: ")) {
        return Optional.empty();
      }
      Path gitDir = worktree.resolve(link.substring("gitdir: ".length()).strip()).normalize();
      Path commondir = gitDir.resolve("commondir");
      if (!Files.isRegularFile(commondir)) {
        return Optional.empty();
      }
      Path common = gitDir.resolve(Files.readString(commondir).strip()).normalize();
      return Optional.of(new Layout(gitDir, common));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes the lock file of the branch a lanes worktree has checked out ({@code lanes/...} only)
   * when a lanes process killed while moving it left one; called under the lane's lock, after its
   * worker ended, when only lanes writes that branch. True when a lock file was removed.
   */
  public static boolean removeStaleHeadLock(Path worktree) {
    Optional<Layout> at = layout(worktree);
    try {
      if (at.isEmpty()) {
        return false;
      }
      String head = Files.readString(at.get().gitDir().resolve("HEAD"), StandardCharsets.UTF_8);
      return head.startsWith("ref: ")
          && removeStaleRefLock(worktree, head.substring("ref: ".length()).strip());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Removes the lock file of {@code ref} (e.g. {@code refs/heads/lanes/integration}) left by a git
   * process killed while it moved that ref: every later update of the ref fails until it is gone.
   * Only for a ref that lanes alone writes, called under the lanes lock that makes it the only
   * writer (the integrator lock for the staging branch). True when a lock file was removed.
   */
  public static boolean removeStaleRefLock(Path checkout, String ref) {
    Optional<Layout> at = layout(checkout);
    if (at.isEmpty() || !ref.startsWith("refs/lanes/") && !ref.startsWith("refs/heads/lanes/")) {
      return false;
    }
    try {
      return Files.deleteIfExists(at.get().commonDir().resolve(ref + ".lock"));
    } catch (IOException e) {
      return false;
    }
  }
}
