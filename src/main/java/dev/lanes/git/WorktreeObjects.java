package dev.lanes.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.FS;

/**
 * The object-level steps lanes takes once per lane in a linked worktree, done in-process with JGit
 * on the repository's shared object database instead of by a git process each: the tree of the
 * worktree's index ({@code git write-tree}), a commit of that tree on the worktree's branch ({@code
 * git commit} of an index that is already staged), the files two trees differ in ({@code git diff
 * --name-only --no-renames}). On the 2-core machine each git process costs 3-7 ms; dispatch and
 * integrate ran four of these per lane.
 *
 * <p>Every method answers empty where the layout is not the plain one lanes makes (an index JGit
 * cannot read, a detached or unusual HEAD, commit dates or identities forced through the
 * environment, a ref that moved meanwhile); callers then run the git executable as before, so the
 * result never depends on which path was taken. What a JGit commit does not do that {@code git
 * commit --no-verify} did: run the {@code post-commit} hook and write the worktree's HEAD reflog;
 * the branch's reflog is written.
 */
public final class WorktreeObjects {
  // Any of these in lanes' environment changes what `git commit` would record: leave it to git.
  private static final List<String> COMMIT_ENV =
      List.of(
          "GIT_AUTHOR_DATE",
          "GIT_COMMITTER_DATE",
          "GIT_AUTHOR_NAME",
          "GIT_AUTHOR_EMAIL",
          "GIT_COMMITTER_NAME",
          "GIT_COMMITTER_EMAIL",
          "GIT_DIR",
          "GIT_INDEX_FILE",
          "GIT_OBJECT_DIRECTORY",
          "GIT_ALTERNATE_OBJECT_DIRECTORIES");

  private final Map<Path, Optional<Repository>> repositories = new ConcurrentHashMap<>();
  private final Map<String, String> environment;

  /** Objects of any repository, deciding by {@code environment} whether JGit may commit. */
  public WorktreeObjects(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** Objects of any repository, with lanes' own environment. */
  public static WorktreeObjects system() {
    return new WorktreeObjects(System.getenv());
  }

  /** Where a worktree keeps its own files ({@code HEAD}, {@code index}) and the shared ones. */
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

  private Optional<Repository> repository(Path commonDir) {
    return repositories.computeIfAbsent(
        commonDir,
        dir -> {
          try {
            return Optional.of(
                new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build());
          } catch (IOException | RuntimeException e) {
            return Optional.empty();
          }
        });
  }

  /**
   * Loads what the first commit and patch of a run need (JGit's classes, the repository), on the
   * caller's thread: a dispatch calls it in the background while its workers run, so the first
   * capture does not pay the ~0.1 s of a cold start. Never fails.
   */
  public void warm(Path worktree) {
    try {
      head(worktree);
      ObjectInserter.Formatter formatter = new ObjectInserter.Formatter();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(ObjectId.zeroId());
      PersonIdent person = new PersonIdent("lanes", "lanes@localhost");
      commit.setAuthor(person);
      commit.setCommitter(person);
      commit.setMessage("warm\n");
      formatter.idFor(Constants.OBJ_COMMIT, commit.build());
      PatchFiles.of(WARM_PATCH);
    } catch (IOException | RuntimeException e) {
      // Only a head start: the real calls report their own failures.
    }
  }

  private static final byte[] WARM_PATCH =
      ("diff --git a/f b/f\nindex 0000000000000000000000000000000000000000.."
              + "1111111111111111111111111111111111111111 100644\n--- a/f\n+++ b/f\n"
              + "@@ -1 +1 @@\n-a\n+b\n")
          .getBytes(StandardCharsets.UTF_8);

  /**
   * The id of the tree the worktree's index holds, written to the object database as {@code git
   * write-tree} does; empty when the index has unmerged entries or cannot be read by JGit.
   */
  public Optional<String> indexTree(Path worktree) {
    Optional<Layout> at = layout(worktree);
    if (at.isEmpty()) {
      return Optional.empty();
    }
    Optional<Repository> repo = repository(at.get().commonDir());
    Path index = at.get().gitDir().resolve("index");
    if (repo.isEmpty() || !Files.isRegularFile(index)) {
      return Optional.empty();
    }
    try (ObjectInserter inserter = repo.get().newObjectInserter()) {
      DirCache cache = DirCache.read(index.toFile(), FS.DETECTED);
      ObjectId tree = cache.writeTree(inserter);
      inserter.flush();
      return Optional.of(tree.name());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The id of the tree the worktree's index holds once {@code patch} was applied straight to an
   * index equal to {@code baseTree}, worked out from the patch's own blob ids ({@link
   * PatchedTree}); empty when the patch does not allow it. Nothing is written: a prediction, which
   * only {@link #indexTree} (which writes the trees) can confirm.
   */
  public Optional<String> patchedTree(Path worktree, String baseTree, byte[] patch) {
    Optional<Repository> repo = layout(worktree).flatMap(at -> repository(at.commonDir()));
    if (repo.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectReader reader = repo.get().newObjectReader();
        ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
      return PatchedTree.of(reader, ids, ObjectId.fromString(baseTree), patch).map(ObjectId::name);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The branch the worktree's HEAD names ({@code refs/heads/...}); empty when detached. */
  Optional<String> headBranch(Layout at) {
    try {
      String head = Files.readString(at.gitDir().resolve("HEAD"), StandardCharsets.UTF_8).strip();
      if (head.startsWith("ref: " + Constants.R_HEADS)) {
        return Optional.of(head.substring("ref: ".length()).strip());
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The worktree's HEAD commit and its tree, when HEAD is a branch with a commit: {@code [commit,
   * tree]}.
   */
  public Optional<List<String>> head(Path worktree) {
    Optional<Layout> at = layout(worktree);
    if (at.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> branch = headBranch(at.get());
    Optional<Repository> repo = repository(at.get().commonDir());
    if (branch.isEmpty() || repo.isEmpty()) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo.get())) {
      ObjectId tip = repo.get().resolve(branch.get());
      if (tip == null) {
        return Optional.empty();
      }
      RevCommit commit = walk.parseCommit(tip);
      return Optional.of(List.of(commit.name(), commit.getTree().name()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The tree of {@code commit}, if the object database has it. */
  public Optional<String> treeOf(Path worktree, String commit) {
    Optional<Repository> repo = layout(worktree).flatMap(at -> repository(at.commonDir()));
    if (repo.isEmpty()) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo.get())) {
      return Optional.of(walk.parseCommit(ObjectId.fromString(commit)).getTree().name());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Commits {@code tree} on the branch the worktree has checked out, with {@code parent} as its one
   * parent, {@code message} as it is and {@code identity} as author and committer at the current
   * time; the branch moves only if it still points at {@code parent}. Empty when JGit must not or
   * could not do it (then nothing was moved, and {@code git commit} is the way).
   */
  public Optional<String> commit(
      Path worktree, String parent, String tree, String message, GitIdentity identity) {
    Optional<String> made = writeCommit(worktree, parent, tree, message, identity);
    if (made.isEmpty() || !moveBranch(worktree, parent, made.get(), message)) {
      return Optional.empty();
    }
    return made;
  }

  /**
   * The first half of {@link #commit}: the commit object only, written to the database; the branch
   * is not moved. Empty where {@link #commit} would be.
   */
  public Optional<String> writeCommit(
      Path worktree, String parent, String tree, String message, GitIdentity identity) {
    if (COMMIT_ENV.stream().anyMatch(environment::containsKey)) {
      return Optional.empty();
    }
    Optional<Layout> at = layout(worktree);
    if (at.isEmpty() || headBranch(at.get()).isEmpty()) {
      return Optional.empty();
    }
    Optional<Repository> repo = repository(at.get().commonDir());
    if (repo.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectInserter inserter = repo.get().newObjectInserter()) {
      PersonIdent person = new PersonIdent(identity.name(), identity.email());
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(ObjectId.fromString(tree));
      commit.setParentId(ObjectId.fromString(parent));
      commit.setAuthor(person);
      commit.setCommitter(person);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return Optional.of(id.name());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The second half of {@link #commit}: moves the branch the worktree has checked out from {@code
   * from} to {@code to}, only if it still points at {@code from}; false when it did not move.
   */
  public boolean moveBranch(Path worktree, String from, String to, String message) {
    Optional<Layout> at = layout(worktree);
    Optional<String> branch = at.flatMap(this::headBranch);
    Optional<Repository> repo = at.flatMap(l -> repository(l.commonDir()));
    if (branch.isEmpty() || repo.isEmpty()) {
      return false;
    }
    try {
      RefUpdate update = repo.get().updateRef(branch.get());
      update.setExpectedOldObjectId(ObjectId.fromString(from));
      update.setNewObjectId(ObjectId.fromString(to));
      update.setRefLogMessage("commit: " + firstLine(message), false);
      RefUpdate.Result result = update.update();
      return switch (result) {
        case FAST_FORWARD, FORCED, NEW -> true;
        default -> false;
      };
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Removes the lock file of the branch a lanes worktree has checked out ({@code lanes/...} only)
   * when a lanes process killed while moving it left one; called under the lane's lock, after its
   * worker ended, when only lanes writes that branch. True when a lock file was removed.
   */
  public boolean removeStaleHeadLock(Path worktree) {
    return layout(worktree)
        .flatMap(this::headBranch)
        .map(ref -> removeStaleRefLock(worktree, ref))
        .orElse(false);
  }

  /**
   * Removes the lock file of {@code ref} (e.g. {@code refs/heads/lanes/integration}) left by a
   * lanes process killed while it moved that ref in-process; a git process cut off mid-write leaves
   * the same file, and every later update of the ref fails until it is gone. Only for a ref that
   * lanes alone writes, called under the lanes lock that makes it the only writer (the integrator
   * lock for the staging branch). True when a lock file was removed.
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

  /**
   * The paths that differ between two trees, in git's order; a rename counts as its two paths, as
   * {@code git diff --name-only --no-renames} lists them.
   */
  public Optional<List<String>> changedPaths(Path worktree, String fromTree, String toTree) {
    Optional<Repository> repo = layout(worktree).flatMap(at -> repository(at.commonDir()));
    if (repo.isEmpty()) {
      return Optional.empty();
    }
    try (TreeWalk walk = new TreeWalk(repo.get())) {
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      walk.addTree(ObjectId.fromString(fromTree));
      walk.addTree(ObjectId.fromString(toTree));
      List<String> paths = new ArrayList<>();
      while (walk.next()) {
        paths.add(walk.getPathString());
      }
      return Optional.of(List.copyOf(paths));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
