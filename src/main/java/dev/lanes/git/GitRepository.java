package dev.lanes.git;

import dev.lanes.error.BadInputException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The managed repository that holds a folder: its main work tree and checked-out branch, found
 * upwards from the folder like git does (JGit reads them and words the errors: not a repository,
 * bare), and the files it tracks, listed by the {@code git} executable through {@link GitCli}.
 *
 * @param workTree the top folder of the main checkout
 * @param branch the checked-out branch; empty when HEAD is detached
 */
public record GitRepository(Path workTree, Optional<String> branch) {

  /** Opens the repository that holds {@code dir}; not a repository is bad usage (exit 2). */
  public static GitRepository open(Path dir) {
    Path start = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(start)) {
      throw BadInputException.usage("not a folder: " + start);
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment();
    builder.findGitDir(start.toFile());
    if (builder.getGitDir() == null) {
      throw BadInputException.usage(
          "not inside a git repository: "
              + start
              + " (run lanes from a git checkout, or pass --repo DIR)");
    }
    try (Repository repo = builder.setMustExist(true).build()) {
      if (repo.isBare()) {
        throw BadInputException.usage("a bare repository has no work tree to manage: " + start);
      }
      String head = repo.getFullBranch();
      return new GitRepository(
          mainWorkTree(repo),
          head != null && head.startsWith(Constants.R_HEADS)
              ? Optional.of(head.substring(Constants.R_HEADS.length()))
              : Optional.empty());
    } catch (IOException e) {
      throw BadInputException.usage(
          "cannot open the git repository at " + start + ": " + e.getMessage());
    }
  }

  /**
   * The main checkout, also when lanes runs inside a linked worktree (a worker calling {@code lanes
   * checkpoint} from {@code .lanes/worktrees/<lane>}): PLAN.md and ledger/ live there.
   */
  private static Path mainWorkTree(Repository repository) {
    Path own = repository.getWorkTree().toPath().toAbsolutePath().normalize();
    File common = repository.getCommonDirectory();
    if (common != null
        && !common.equals(repository.getDirectory())
        && common.getName().equals(".git")
        && common.getParentFile() != null) {
      Path main = common.getParentFile().toPath().toAbsolutePath().normalize();
      // Only lanes' own worktrees map to the main checkout; a worktree a person made is its own.
      if (own.startsWith(main.resolve(".lanes"))) {
        return main;
      }
    }
    return own;
  }

  /** Every path in the index, '/'-separated, sorted, each once ({@code git ls-files -z}). */
  public List<String> trackedFiles(GitCli git) {
    return trackedFiles(git, workTree);
  }

  /** The files git tracks in {@code workTree}, each once, in git's order. */
  static List<String> trackedFiles(GitCli git, Path workTree) {
    List<String> files = new ArrayList<>();
    for (String path :
        new String(git.runBytes(workTree, "ls-files", "-z"), StandardCharsets.UTF_8).split("\0")) {
      // Unmerged paths appear once per stage.
      if (!path.isEmpty() && (files.isEmpty() || !files.get(files.size() - 1).equals(path))) {
        files.add(path);
      }
    }
    return files;
  }
}
