package dev.lanes.git;

import dev.lanes.error.BadInputException;
import dev.lanes.io.TempFiles;
import dev.lanes.port.ExistingBranch;
import dev.lanes.port.LaneWorktrees;
import dev.lanes.port.WorktreeEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lanes' linked worktrees, {@code .lanes/worktrees/<lane>} on branch {@code lanes/<lane>} (a
 * tournament attempt: {@code <lane>.<N>} for both), made and removed through the {@code git}
 * executable because JGit cannot. Making one also keeps {@code .lanes/} listed in the repository's
 * {@code info/exclude}, so lanes' run state never shows up as untracked files.
 */
public final class Worktrees implements LaneWorktrees {
  static final String EXCLUDE_LINE = ".lanes/";

  /**
   * One {@code worktree add}, {@code remove} or {@code prune} at a time in this process: {@code
   * worktree add} reads every other worktree's folder under {@code .git/worktrees/} (to refuse a
   * branch checked out twice) and fails on one another add is still writing ("failed to read
   * .../commondir"), and {@code prune} deletes one. A second lanes process doing the same is met by
   * one retry.
   */
  private static final ReentrantLock REGISTRATIONS = new ReentrantLock();

  private final GitCli git;

  /**
   * For {@code worktree add} only: a worker's worktree is made as the person's own add would make
   * it, their {@code post-checkout} hook included. A hook a worker planted is removed when that
   * worker ends (see SharedState); one planted by a worker still running could run here, which
   * gives that worker nothing it could not do itself.
   */
  private final GitCli withHooks;

  public Worktrees(GitCli git) {
    this.git = git;
    this.withHooks = git.withHooks();
  }

  /** Makes (or reuses) the lane's worktree on branch {@code lanes/<lane>} at {@code baseCommit}. */
  public Path add(Path repoRoot, String lane, String baseCommit) {
    return add(repoRoot, lane, baseCommit, ExistingBranch.REUSE);
  }

  /**
   * Makes the worktree {@code .lanes/worktrees/<name>} on a new branch {@code lanes/<name>} at
   * {@code baseCommit}, whatever the main checkout's HEAD is. When the branch exists already,
   * {@code existing} says whether it is reused as it is or moved back to the base. A worktree that
   * is still there is reused under {@link ExistingBranch#REUSE}. Returns the worktree path. Also
   * keeps {@code .lanes/} in the repository's {@code info/exclude}.
   */
  public Path add(Path repoRoot, String name, String baseCommit, ExistingBranch existing) {
    ensureExcluded(repoRoot);
    try {
      return addAlone(repoRoot, name, baseCommit, existing);
    } catch (CliCallException e) {
      // A second lanes process registering, pruning or removing at the same time (see
      // REGISTRATIONS): one retry.
      if (!e.getMessage().contains(".git/worktrees/")) {
        throw e;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw e;
      }
      return addAlone(repoRoot, name, baseCommit, existing);
    }
  }

  private Path addAlone(Path repoRoot, String name, String baseCommit, ExistingBranch existing) {
    Path dir = LaneWorktrees.path(repoRoot, name);
    String branch = LaneWorktrees.branch(name);
    REGISTRATIONS.lock();
    try {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        // The usual case, a lane's first run. A registration left by a folder deleted by hand
        // makes "worktree add" fail; then the registrations are pruned and it is made again.
        try {
          make(repoRoot, dir, branch, baseCommit, existing);
        } catch (CliCallException leftover) {
          git.run(repoRoot, "worktree", "prune");
          make(repoRoot, dir, branch, baseCommit, existing);
        }
        return dir;
      }
      Optional<WorktreeEntry> current = find(repoRoot, dir);
      boolean live = current.isPresent() && !current.get().prunable();
      if (live && existing == ExistingBranch.REUSE) {
        if (neverCheckedOut(dir)) {
          // Registered, but git's own checkout was cut short (lanes killed during the add): no
          // worker has run in it, so its files are made now rather than captured as deletions.
          checkOut(repoRoot, dir);
        }
        return dir;
      }
      if (live) {
        git.run(repoRoot, "worktree", "remove", "--force", dir.toString());
      }
      // A folder deleted by hand leaves a registration behind that blocks "worktree add".
      git.run(repoRoot, "worktree", "prune");
      make(repoRoot, dir, branch, baseCommit, existing);
      return dir;
    } finally {
      REGISTRATIONS.unlock();
    }
  }

  /**
   * Whether the worktree has no index yet: registered and never checked out, as when the add was
   * killed during its checkout ({@code reset --hard} writes the index last).
   */
  private boolean neverCheckedOut(Path dir) {
    return !Files.exists(
        Path.of(git.run(dir, "rev-parse", "--path-format=absolute", "--git-path", "index")));
  }

  /** Registers the worktree and its branch and checks it out, post-checkout hook included. */
  private void make(
      Path repoRoot, Path dir, String branch, String baseCommit, ExistingBranch existing) {
    List<String> args = new ArrayList<>(List.of("worktree", "add"));
    if (existing == ExistingBranch.RESET) {
      // -B makes the branch, or moves an existing one back to the base: no need to ask first.
      args.addAll(List.of("--no-track", "-B", branch, dir.toString(), baseCommit));
    } else if (hasBranch(repoRoot, branch)) {
      args.addAll(List.of(dir.toString(), branch));
    } else {
      args.addAll(List.of("--no-track", "-b", branch, dir.toString(), baseCommit));
    }
    withHooks.run(repoRoot, args.toArray(String[]::new));
  }

  /**
   * Fills a registered worktree whose checkout never finished: the very command {@code worktree
   * add} runs for its checkout. If it fails, the worktree is removed, as git removes one whose
   * checkout failed: a registered worktree with no files would otherwise be reused later, and its
   * capture would delete every file.
   */
  private void checkOut(Path repoRoot, Path dir) {
    try {
      git.run(dir, "reset", "--hard", "--no-recurse-submodules", "--quiet");
    } catch (RuntimeException e) {
      try {
        git.run(repoRoot, "worktree", "remove", "--force", dir.toString());
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private boolean hasBranch(Path repoRoot, String branch) {
    return git.exitCode(repoRoot, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch) == 0;
  }

  /**
   * Removes the worktree of a lane or attempt ({@code L-001} or {@code L-001.2}); its branch stays.
   * Without {@code force}, git refuses when the worktree holds uncommitted changes. A worktree that
   * is already gone is only pruned.
   */
  public void remove(Path repoRoot, String name, boolean force) {
    Path dir = LaneWorktrees.path(repoRoot, name);
    REGISTRATIONS.lock();
    try {
      Optional<WorktreeEntry> current = find(repoRoot, dir);
      if (current.isPresent() && !current.get().prunable()) {
        if (force) {
          git.run(repoRoot, "worktree", "remove", "--force", dir.toString());
        } else {
          git.run(repoRoot, "worktree", "remove", dir.toString());
        }
      } else {
        git.run(repoRoot, "worktree", "prune");
      }
    } finally {
      REGISTRATIONS.unlock();
    }
  }

  public void deleteBranch(Path repoRoot, String name, boolean force) {
    String branch = LaneWorktrees.branch(name);
    if (hasBranch(repoRoot, branch)) {
      git.run(repoRoot, "branch", force ? "-D" : "-d", branch);
    }
  }

  public void prune(Path repoRoot) {
    REGISTRATIONS.lock();
    try {
      git.run(repoRoot, "worktree", "prune");
    } finally {
      REGISTRATIONS.unlock();
    }
  }

  public List<WorktreeEntry> list(Path repoRoot) {
    String out = git.run(repoRoot, "worktree", "list", "--porcelain", "-z");
    List<WorktreeEntry> entries = new ArrayList<>();
    Path path = null;
    String head = "";
    Optional<String> branch = Optional.empty();
    boolean prunable = false;
    // Records are NUL-terminated attribute lines, separated by an empty one.
    for (String field : (out + "\0").split("\0", -1)) {
      if (field.isEmpty()) {
        if (path != null) {
          entries.add(new WorktreeEntry(path, branch, head, prunable));
        }
        path = null;
        head = "";
        branch = Optional.empty();
        prunable = false;
      } else if (field.startsWith("worktree ")) {
        path = Path.of(field.substring("worktree ".length()));
      } else if (field.startsWith("HEAD ")) {
        head = field.substring("HEAD ".length());
      } else if (field.startsWith("branch ")) {
        branch = Optional.of(field.substring("branch ".length()).replaceFirst("^refs/heads/", ""));
      } else if (field.equals("prunable") || field.startsWith("prunable ")) {
        prunable = true;
      }
    }
    return List.copyOf(entries);
  }

  public String baseCommit(Path repoRoot, String branch) {
    String ref = branch.startsWith("refs/") ? branch : "refs/heads/" + branch;
    CliResult r =
        git.execute(
            new CliCall(
                repoRoot, List.of("rev-parse", "--verify", "--quiet", ref + "^{commit}"), Map.of()),
            Optional.empty());
    if (r.exitCode() != 0) {
      throw BadInputException.usage("there is no branch " + branch + " in " + repoRoot);
    }
    return r.stdoutText().strip();
  }

  public String currentBranch(Path dir) {
    return git.run(dir, "branch", "--show-current");
  }

  public List<String> status(Path dir) {
    String out = git.run(dir, "status", "--porcelain=v1", "-z", "--untracked-files=all");
    return out.isEmpty() ? List.of() : List.of(out.split("\0"));
  }

  /**
   * Adds {@code .lanes/} as a line of {@code info/exclude} of the repository's shared git folder
   * (which every worktree reads) unless it is there already.
   */
  public void ensureExcluded(Path repoRoot) {
    excludeIn(
        Path.of(git.run(repoRoot, "rev-parse", "--path-format=absolute", "--git-common-dir")));
  }

  private static void excludeIn(Path commonDir) {
    Path exclude = commonDir.resolve("info").resolve("exclude");
    try {
      String text = Files.exists(exclude) ? Files.readString(exclude, StandardCharsets.UTF_8) : "";
      Optional<String> updated = withExcludeLine(text);
      if (updated.isEmpty()) {
        return;
      }
      Files.createDirectories(exclude.getParent());
      // Written beside and moved over, so a reader (git status) never sees half a file.
      Path tmp = TempFiles.create(exclude.getParent(), "exclude", ".tmp");
      Files.writeString(tmp, updated.get(), StandardCharsets.UTF_8);
      Files.move(tmp, exclude, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + exclude, e);
    }
  }

  /**
   * The text of an exclude file with {@code .lanes/} as a line of its own appended, keeping every
   * other byte; empty when the line is there already.
   */
  static Optional<String> withExcludeLine(String text) {
    if (text.lines().anyMatch(l -> l.strip().equals(EXCLUDE_LINE))) {
      return Optional.empty();
    }
    String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
    return Optional.of(text + sep + EXCLUDE_LINE + "\n");
  }

  private Optional<WorktreeEntry> find(Path repoRoot, Path dir) {
    Path wanted = canonical(dir);
    return list(repoRoot).stream().filter(e -> canonical(e.path()).equals(wanted)).findFirst();
  }

  // git prints real paths; the caller's may go through a symlink (/tmp on macOS).
  private static Path canonical(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    Path rest = Path.of("");
    while (existing != null && !Files.exists(existing)) {
      rest = existing.getFileName().resolve(rest);
      existing = existing.getParent();
    }
    try {
      return existing == null ? abs : existing.toRealPath().resolve(rest).normalize();
    } catch (IOException e) {
      return abs;
    }
  }
}
