package dev.lanes.git;

import dev.lanes.error.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Read-only queries on the managed repository through JGit: where its work tree is, which files it
 * tracks, which branch is checked out. Actions that JGit cannot do (linked worktrees, three-way
 * apply) go through the {@code git} executable elsewhere.
 */
public final class GitRepository implements AutoCloseable {
  private final Repository repository;
  private final Path workTree;

  private GitRepository(Repository repository) {
    this.repository = repository;
    this.workTree = mainWorkTree(repository);
  }

  /**
   * The main checkout, also when lanes runs inside a linked worktree (a worker calling {@code lanes
   * checkpoint} from {@code .lanes/worktrees/<lane>}): PLAN.md and ledger/ live there.
   */
  private static Path mainWorkTree(Repository repository) {
    Path own = repository.getWorkTree().toPath().toAbsolutePath().normalize();
    java.io.File common = repository.getCommonDirectory();
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

  /** Opens the repository that holds {@code dir}, searching upwards like git does. */
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
    try {
      Repository repo = builder.setMustExist(true).build();
      if (repo.isBare()) {
        repo.close();
        throw BadInputException.usage("a bare repository has no work tree to manage: " + start);
      }
      return new GitRepository(repo);
    } catch (IOException e) {
      throw BadInputException.usage(
          "cannot open the git repository at " + start + ": " + e.getMessage());
    }
  }

  /** The top folder of the work tree. */
  public Path workTree() {
    return workTree;
  }

  /**
   * Every path in the index, '/'-separated, sorted. Read with {@code git ls-files -z}: on a
   * repository of 100,000 files the git executable answers in about 40 ms, where a cold JGit
   * reading and checksumming the index takes ten times that, and {@code lanes waves} is a
   * short-lived process.
   */
  public List<String> trackedFiles() {
    return lsFiles(workTree).orElseGet(this::trackedFilesByJgit);
  }

  /** {@code git ls-files -z} in {@code workTree}, each path once; empty when git cannot answer. */
  static Optional<List<String>> lsFiles(Path workTree) {
    try {
      Process p =
          new ProcessBuilder("git", "-c", "core.quotePath=off", "ls-files", "-z")
              .directory(workTree.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        return Optional.empty();
      }
      List<String> files = new ArrayList<>();
      int start = 0;
      String last = null;
      for (int i = 0; i < out.length; i++) {
        if (out[i] == 0) {
          String path = new String(out, start, i - start, java.nio.charset.StandardCharsets.UTF_8);
          // Unmerged paths appear once per stage; list each path once.
          if (!path.equals(last)) {
            files.add(path);
            last = path;
          }
          start = i + 1;
        }
      }
      return Optional.of(files);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The same list through JGit, where no git executable can be run. */
  private List<String> trackedFilesByJgit() {
    try {
      DirCache cache = repository.readDirCache();
      List<String> files = new ArrayList<>(cache.getEntryCount());
      String last = null;
      for (int i = 0; i < cache.getEntryCount(); i++) {
        String path = cache.getEntry(i).getPathString();
        if (!path.equals(last)) {
          files.add(path);
          last = path;
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The short name of the checked-out branch, or empty when HEAD is detached or unborn. */
  public Optional<String> currentBranch() {
    try {
      String full = repository.getFullBranch();
      if (full != null && full.startsWith(Constants.R_HEADS)) {
        return Optional.of(full.substring(Constants.R_HEADS.length()));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commit a branch points at, if the branch exists and has commits. */
  public Optional<String> branchTip(String branch) {
    try {
      ObjectId id = repository.resolve(Constants.R_HEADS + branch);
      return Optional.ofNullable(id).map(ObjectId::name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    repository.close();
  }
}
