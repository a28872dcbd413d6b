package dev.lanes.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The work tree and checked-out branch of the repository that holds a folder, asked of the git
 * executable in one process: a short-lived command starts sooner that way than by loading JGit.
 * Where that cannot answer plainly (not a repository, a bare one, an old git, an unusual HEAD) it
 * is empty and {@link GitRepository} gives the answer and the error messages.
 */
public record GitCheckout(Path workTree, Optional<String> branch) {

  /**
   * The checkout that holds {@code dir}: asked of one git process, or of JGit when git cannot
   * answer (JGit also words the errors: not a repository, bare).
   */
  public static GitCheckout open(Path dir) {
    return probe(dir)
        .orElseGet(
            () -> {
              try (GitRepository git = GitRepository.open(dir)) {
                return new GitCheckout(git.workTree(), git.currentBranch());
              }
            });
  }

  /** The checkout that holds {@code dir}, or empty when JGit should be asked instead. */
  public static Optional<GitCheckout> probe(Path dir) {
    Path start = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(start)) {
      return Optional.empty();
    }
    try {
      Process p =
          new ProcessBuilder(
                  "git",
                  "rev-parse",
                  "--path-format=absolute",
                  "--show-toplevel",
                  "--git-dir",
                  "--git-common-dir")
              .directory(start.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        return Optional.empty();
      }
      List<String> lines = out.lines().toList();
      if (lines.size() != 3) {
        return Optional.empty();
      }
      Path top = Path.of(lines.get(0));
      Path gitDir = Path.of(lines.get(1));
      Path common = Path.of(lines.get(2));
      Optional<Optional<String>> branch = branch(gitDir);
      if (branch.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new GitCheckout(mainWorkTree(asGiven(start, top), gitDir, common), branch.get()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Every path in the index, as {@link GitRepository#trackedFiles()} lists them. */
  public List<String> trackedFiles() {
    return GitRepository.lsFiles(workTree)
        .orElseGet(
            () -> {
              try (GitRepository git = GitRepository.open(workTree)) {
                return git.trackedFiles();
              }
            });
  }

  /**
   * Git prints real paths; JGit (and so the rest of lanes) keeps the path the caller gave, through
   * any symlink: the ancestor of {@code start} that is the top folder, as the caller spelled it.
   */
  private static Path asGiven(Path start, Path top) {
    for (Path p = start; p != null; p = p.getParent()) {
      try {
        if (p.toRealPath().equals(top.toRealPath())) {
          return p;
        }
      } catch (IOException e) {
        return top;
      }
    }
    return top;
  }

  /** As {@link GitRepository}: lanes' own worktrees map to the main checkout. */
  private static Path mainWorkTree(Path own, Path gitDir, Path common) {
    if (!common.equals(gitDir)
        && common.getFileName() != null
        && common.getFileName().toString().equals(".git")
        && common.getParent() != null) {
      Path main = common.getParent().toAbsolutePath().normalize();
      if (own.startsWith(main.resolve(".lanes"))) {
        return main;
      }
    }
    return own;
  }

  /** The branch HEAD names (empty inside when detached); empty when HEAD is not a plain file. */
  private static Optional<Optional<String>> branch(Path gitDir) throws IOException {
    Path head = gitDir.resolve("HEAD");
    if (!Files.isRegularFile(head)) {
      return Optional.empty();
    }
    String text = Files.readString(head, StandardCharsets.UTF_8).strip();
    if (text.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
      return Optional.of(Optional.empty());
    }
    if (!text.startsWith("ref: ")) {
      return Optional.empty();
    }
    String ref = text.substring("ref: ".length()).strip();
    if (ref.equals("refs/heads/.invalid")) {
      // A reftable repository keeps HEAD elsewhere.
      return Optional.empty();
    }
    return Optional.of(
        ref.startsWith("refs/heads/")
            ? Optional.of(ref.substring("refs/heads/".length()))
            : Optional.empty());
  }
}
