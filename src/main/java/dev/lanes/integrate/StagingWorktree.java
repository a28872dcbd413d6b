package dev.lanes.integrate;

import dev.lanes.git.CliCall;
import dev.lanes.git.CliResult;
import dev.lanes.git.GitCli;
import dev.lanes.git.GitIdentity;
import dev.lanes.git.PatchFiles;
import dev.lanes.git.WorktreeEntry;
import dev.lanes.git.WorktreeObjects;
import dev.lanes.git.Worktrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integration worktree {@code .lanes/integration} on branch {@code lanes/integration}, and the
 * git steps of landing: reset to a commit, three-way apply, commit, and the compare-and-swap of the
 * target branch. The person's checkout is touched only by that final move, and only as {@code git
 * merge --ff-only} would touch it.
 */
public final class StagingWorktree {
  public static final String DIR = ".lanes/integration";
  public static final String BRANCH = "lanes/integration";
  private static final Pattern APPLY_ERROR =
      Pattern.compile(
          "^error: (?:patch failed: )?(.+?):(?:\\d+| does not| already| .*)", Pattern.MULTILINE);
  private static final Pattern MARKER = Pattern.compile("^\\+(<{7}|>{7})( |$)", Pattern.MULTILINE);

  private final Path root;
  private final Path dir;
  private final GitCli git;
  private final Worktrees worktrees;
  private final WorktreeObjects objects;
  // What HEAD is, once asked or committed: saves a rev-parse per lane. Only lanes moves HEAD here.
  private Optional<String> knownHead = Optional.empty();
  private Optional<String> knownHeadTree = Optional.empty();
  // The tree of the index, once written; forgotten by every step that changes the index.
  private Optional<String> knownIndexTree = Optional.empty();
  // The index's tree being written on the second thread while gates run on an expected tree
  // (expectIndexTree); indexTree() takes it from there.
  private Optional<Future<Optional<String>>> besideIndexTree = Optional.empty();
  // Whether the last apply went straight, with no three-way merge: only then can the index's
  // tree be expected from the patch.
  private boolean appliedStraight;
  // A second thread for what can go beside the main steps: the move of the branch to the last
  // commit while the next lane's `git apply` runs (which reads only the index; every step that
  // reads HEAD waits for the move first), reading a patch's file list, writing the index's tree.
  private final ExecutorService background = background();
  private Optional<PendingMove> pendingMove = Optional.empty();

  private record PendingMove(String from, String to, Future<Boolean> moved) {}

  // One thread, gone after a second idle: an integrate run in a long-lived process leaves none.
  private static ExecutorService background() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1,
            1,
            1,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "lanes-staging");
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  public StagingWorktree(Path root, GitCli git, Worktrees worktrees, WorktreeObjects objects) {
    this.root = root;
    this.dir = root.resolve(DIR);
    this.git = git;
    this.worktrees = worktrees;
    this.objects = objects;
  }

  private void forgetHead() {
    knownHead = Optional.empty();
    knownHeadTree = Optional.empty();
    forgetIndexTree();
  }

  /** Before the index changes: what was known or is being worked out of it no longer holds. */
  private void forgetIndexTree() {
    knownIndexTree = Optional.empty();
    appliedStraight = false;
    awaitBeside();
  }

  /** The index tree written on the second thread, if one was asked for; waits for it. */
  private Optional<String> awaitBeside() {
    if (besideIndexTree.isEmpty()) {
      return Optional.empty();
    }
    Future<Optional<String>> beside = besideIndexTree.get();
    besideIndexTree = Optional.empty();
    try {
      return beside.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the staging index", e);
    } catch (ExecutionException e) {
      return Optional.empty();
    }
  }

  public Path dir() {
    return dir;
  }

  /** The commit a branch points at, if it exists. */
  public Optional<String> tip(String branch) {
    settle();
    CliResult r =
        git.execute(
            new CliCall(
                root,
                List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + branch + "^{commit}"),
                Map.of()),
            Optional.empty());
    return r.exitCode() == 0 ? Optional.of(r.stdoutText().strip()) : Optional.empty();
  }

  /**
   * Makes the staging worktree (or reuses it) and resets it, branch and files, to {@code commit};
   * untracked and ignored files left by earlier gates are removed so no build output leaks between
   * trees.
   */
  public void resetTo(String commit) {
    settle();
    forgetHead();
    // Under the integrator lock no other lanes process writes this branch: a lock file on it is
    // what a killed run left, and would block every run after it.
    WorktreeObjects.removeStaleRefLock(root, "refs/heads/" + BRANCH);
    worktrees.ensureExcluded(root);
    boolean registered =
        worktrees.list(root).stream()
            .anyMatch(e -> !e.prunable() && same(e.path(), dir) && Files.isDirectory(dir));
    if (!registered) {
      git.run(root, "worktree", "prune");
      git.run(
          root, "worktree", "add", "--force", "--no-track", "-B", BRANCH, dir.toString(), commit);
    } else {
      git.run(dir, "checkout", "-q", "-f", "-B", BRANCH, commit);
      git.run(dir, "reset", "-q", "--hard", commit);
    }
    git.run(dir, "clean", "-q", "-ffdx");
  }

  /** Moves staging, branch and files, back (or forward) to {@code commit} of its own history. */
  public void rewind(String commit) {
    settle();
    forgetHead();
    git.run(dir, "reset", "-q", "--hard", commit);
    git.run(dir, "clean", "-q", "-ffdx");
  }

  /** The commit staging is at. */
  public String head() {
    if (knownHead.isEmpty()) {
      knownHead = Optional.of(git.run(dir, "rev-parse", "--verify", "HEAD^{commit}"));
    }
    return knownHead.get();
  }

  /**
   * The tree of the index, which after an apply with {@code --index} is the work tree's: written
   * in-process where JGit can read the index, by {@code git write-tree} otherwise.
   */
  public String indexTree() {
    // Gates run on the tree asked for here, and a gate may read HEAD.
    settle();
    if (knownIndexTree.isEmpty()) {
      Optional<String> beside = awaitBeside();
      knownIndexTree =
          Optional.of(
              beside.or(() -> objects.indexTree(dir)).orElseGet(() -> git.run(dir, "write-tree")));
    }
    return knownIndexTree.get();
  }

  /**
   * Right after a straight {@link #apply}: takes {@code expected} (from {@link #readBeside}) as the
   * tree the index should hold, and starts writing the index's own tree on the second thread. The
   * gates can look up their cache with the expectation and start at once; {@link #indexTree} (which
   * waits for the real tree) decides whether anything keyed by it stands. Empty when there is no
   * expectation to use: the apply needed a three-way merge, or the patch allowed none.
   */
  public Optional<String> expectIndexTree(Optional<String> expected) {
    // Gates run next, and a gate may read HEAD.
    settle();
    if (expected.isEmpty()
        || !appliedStraight
        || knownIndexTree.isPresent()
        || besideIndexTree.isPresent()) {
      return Optional.empty();
    }
    besideIndexTree = Optional.of(background.submit(() -> objects.indexTree(dir)));
    return expected;
  }

  private Optional<String> headTree() {
    if (knownHeadTree.isEmpty()) {
      knownHeadTree = objects.treeOf(dir, head());
    }
    return knownHeadTree;
  }

  /**
   * Applies a patch to the index and files, three-way where its context does not match; a patch
   * that leaves unmerged entries or new conflict markers is reported as conflicting. The bytes go
   * to git on its standard input: they are the ones the integrator checked, and a file could be
   * written again between the check and the apply.
   */
  public ApplyOutcome apply(byte[] patch) {
    forgetIndexTree();
    CliResult r =
        git.execute(
            new CliCall(
                dir, List.of("apply", "--3way", "--index", "--whitespace=nowarn"), Map.of()),
            Optional.of(patch));
    String output = (r.stdoutText() + r.stderr()).strip();
    if (r.exitCode() == 0 && !output.toLowerCase(java.util.Locale.ROOT).contains("three-way")) {
      // Applied straight, with no merge: no unmerged entries, no markers it did not bring.
      appliedStraight = true;
      return new ApplyOutcome(true, List.of(), output);
    }
    // What the merge left is judged against HEAD: it must be the last commit.
    settle();
    Set<String> conflicts = new LinkedHashSet<>(unmerged());
    if (r.exitCode() != 0) {
      Matcher m = APPLY_ERROR.matcher(output);
      while (m.find()) {
        conflicts.add(m.group(1).trim());
      }
      return new ApplyOutcome(false, List.copyOf(conflicts), output);
    }
    if (!conflicts.isEmpty() || newMarkers(patch)) {
      return new ApplyOutcome(false, List.copyOf(conflicts), output);
    }
    return new ApplyOutcome(true, List.of(), output);
  }

  private List<String> unmerged() {
    String out = git.run(dir, "diff", "--name-only", "--diff-filter=U", "-z");
    List<String> files = new ArrayList<>();
    for (String f : out.split("\0")) {
      if (!f.isEmpty() && !files.contains(f)) {
        files.add(f);
      }
    }
    return files;
  }

  /** Whether the staged change holds more conflict-marker lines than the patch itself added. */
  private boolean newMarkers(byte[] patch) {
    String staged =
        new String(
            git.runBytes(dir, "diff", "--cached", "--no-color", "--no-ext-diff", "HEAD", "--"),
            StandardCharsets.UTF_8);
    String own = new String(patch, StandardCharsets.UTF_8);
    return count(staged) > count(own);
  }

  private static int count(String diff) {
    Matcher m = MARKER.matcher(diff);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /**
   * What a patch says of itself, read before it is applied: the files it touches (both sides of a
   * rename; empty when its headers cannot be read that way, and {@link #stagedFiles} tells them
   * once it is applied), and the tree it gives when applied straight to staging's HEAD (empty when
   * its headers do not allow working that out; see {@link #expectIndexTree}).
   */
  public record PatchReading(Optional<List<String>> files, Optional<String> expectedTree) {}

  /**
   * Reads {@code patch} on the second thread, so while {@link #apply} runs: neither part needs the
   * applied index, only the patch and HEAD's tree.
   */
  public Future<PatchReading> readBeside(byte[] patch) {
    Optional<String> base = headTree();
    return background.submit(
        () ->
            new PatchReading(
                PatchFiles.touchedPaths(patch),
                base.flatMap(tree -> objects.patchedTree(dir, tree, patch))));
  }

  /** The files the staged change touches (both sides of a rename), sorted by git. */
  public List<String> stagedFiles() {
    settle();
    String staged = indexTree();
    return headTree()
        .flatMap(head -> objects.changedPaths(dir, head, staged))
        .orElseGet(
            () ->
                split(
                    git.run(
                        dir,
                        "diff",
                        "--cached",
                        "--name-only",
                        "--no-renames",
                        "-z",
                        "HEAD",
                        "--")));
  }

  /** The files that differ between two commits (both sides of a rename). */
  public List<String> filesBetween(String from, String to) {
    settle();
    return split(git.run(dir, "diff", "--name-only", "--no-renames", "-z", from, to, "--"));
  }

  private static List<String> split(String nulSeparated) {
    List<String> files = new ArrayList<>();
    for (String f : nulSeparated.split("\0")) {
      if (!f.isEmpty()) {
        files.add(f);
      }
    }
    return List.copyOf(files);
  }

  /** Throws away whatever is applied but not committed: back to the last staging commit. */
  public void discard() {
    settle();
    forgetIndexTree();
    git.run(dir, "reset", "-q", "--hard", "HEAD");
    git.run(dir, "clean", "-q", "-ffdx");
  }

  /** Commits the index with {@code message} as {@code identity}; returns the new commit. */
  public String commit(String message, GitIdentity identity) {
    settle();
    String parent = head();
    String tree = indexTree();
    Optional<String> made = objects.writeCommit(dir, parent, tree, message, identity);
    if (made.isPresent()) {
      String commit = made.get();
      pendingMove =
          Optional.of(
              new PendingMove(
                  parent,
                  commit,
                  background.submit(() -> objects.moveBranch(dir, parent, commit, message))));
      knownHead = made;
      knownHeadTree = Optional.of(tree);
      return commit;
    }
    forgetHead();
    git.runBytes(
        dir,
        identity.env(),
        message.getBytes(StandardCharsets.UTF_8),
        // No background maintenance after each of fifty commits on a throw-away branch.
        "-c",
        "maintenance.auto=false",
        "-c",
        "gc.auto=0",
        "commit",
        "-q",
        "--no-verify",
        "--no-gpg-sign",
        "--allow-empty",
        "--cleanup=verbatim",
        "-F",
        "-");
    return head();
  }

  /**
   * The commit on {@code tip}'s history (back to {@code base}, when known) whose trailers say
   * {@code Lane: <lane>} and {@code Attempt: <attempt>}: the mark of a lane an earlier run landed.
   */
  public Optional<String> landedCommit(
      String tip, Optional<String> base, String lane, int attempt) {
    return Optional.ofNullable(landedCommits(tip, base).get(landedKey(lane, attempt)));
  }

  /**
   * Every lane commit on {@code tip}'s history (back to {@code base}, when known), keyed by {@link
   * #landedKey}, the newest where two carry the same trailers: one {@code git log} answers the
   * lookup for every queue item made on that base.
   */
  public Map<String, String> landedCommits(String tip, Optional<String> base) {
    settle();
    List<String> args =
        new ArrayList<>(
            List.of(
                "log", "--format=%H%x1f%(trailers:only,unfold)%x1e", "--max-count=100000", tip));
    base.filter(b -> git.exitCode(root, "merge-base", "--is-ancestor", b, tip) == 0)
        .ifPresent(b -> args.addAll(List.of("--not", b)));
    args.add("--");
    String out = git.run(root, args.toArray(String[]::new));
    Map<String, String> found = new HashMap<>();
    for (String record : out.split("\u001e")) {
      String[] parts = record.strip().split("\u001f", 2);
      if (parts.length < 2) {
        continue;
      }
      List<String> lanes = new ArrayList<>();
      List<String> attempts = new ArrayList<>();
      for (String line : parts[1].split("\n")) {
        String t = line.strip();
        if (t.startsWith("Lane: ")) {
          lanes.add(t.substring("Lane: ".length()));
        } else if (t.startsWith("Attempt: ")) {
          attempts.add(t.substring("Attempt: ".length()));
        }
      }
      for (String l : lanes) {
        for (String a : attempts) {
          found.putIfAbsent(l + "\u0000" + a, parts[0].strip());
        }
      }
    }
    return Map.copyOf(found);
  }

  /** The key of a lane's attempt in {@link #landedCommits}. */
  public static String landedKey(String lane, int attempt) {
    return lane + "\u0000" + attempt;
  }

  /**
   * Moves {@code target} from {@code expected} to {@code next}, both atomically and only if it
   * still points at {@code expected}. Where a worktree (the person's checkout, say) has the target
   * checked out, the move is {@code git merge --ff-only} run in it, which keeps uncommitted and
   * untracked files and refuses when the landed work touches one of them; elsewhere it is {@code
   * git update-ref <ref> <next> <expected>}.
   */
  public MoveResult moveTarget(String target, String expected, String next) {
    settle();
    Optional<WorktreeEntry> holder =
        worktrees.list(root).stream()
            .filter(e -> !e.prunable() && e.branch().equals(Optional.of(target)))
            .filter(e -> !same(e.path(), dir))
            .findFirst();
    if (holder.isEmpty()) {
      CliResult r =
          git.execute(
              new CliCall(
                  root,
                  List.of(
                      "update-ref",
                      "-m",
                      "lanes integrate",
                      "refs/heads/" + target,
                      next,
                      expected),
                  Map.of()),
              Optional.empty());
      if (r.exitCode() == 0) {
        return new MoveResult(MoveOutcome.MOVED, Optional.empty(), "");
      }
      if (!tip(target).equals(Optional.of(expected))) {
        return new MoveResult(MoveOutcome.TARGET_MOVED, Optional.empty(), r.stderr().strip());
      }
      throw new IllegalStateException("git update-ref failed: " + r.stderr().strip());
    }
    Path checkout = holder.get().path();
    String head = git.run(checkout, "rev-parse", "--verify", "HEAD^{commit}");
    if (!head.equals(expected)) {
      return new MoveResult(MoveOutcome.TARGET_MOVED, Optional.of(checkout), "");
    }
    CliResult r =
        git.execute(
            new CliCall(checkout, List.of("merge", "--ff-only", "--quiet", next), Map.of()),
            Optional.empty());
    if (r.exitCode() == 0) {
      return new MoveResult(MoveOutcome.MOVED, Optional.of(checkout), "");
    }
    String why = (r.stdoutText() + r.stderr()).strip();
    String now = git.run(checkout, "rev-parse", "--verify", "HEAD^{commit}");
    if (!now.equals(expected)) {
      return new MoveResult(MoveOutcome.TARGET_MOVED, Optional.of(checkout), why);
    }
    return new MoveResult(MoveOutcome.CHECKOUT_IN_THE_WAY, Optional.of(checkout), why);
  }

  /** Waits for a branch move still under way, at the end of a run, whatever went wrong before. */
  public void settleQuietly() {
    try {
      settle();
    } catch (RuntimeException e) {
      // The run's own outcome or error is what the person must see; the next run resets staging.
    }
  }

  /**
   * Waits for the branch move of the last commit; where JGit could not move it, git does, and if
   * that fails too the branch is not where lanes committed, which stops the run.
   */
  private void settle() {
    if (pendingMove.isEmpty()) {
      return;
    }
    PendingMove move = pendingMove.get();
    pendingMove = Optional.empty();
    boolean moved;
    try {
      moved = move.moved().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while moving " + BRANCH, e);
    } catch (ExecutionException e) {
      moved = false;
    }
    if (!moved) {
      git.run(
          dir,
          "update-ref",
          "-m",
          "lanes integrate",
          "refs/heads/" + BRANCH,
          move.to(),
          move.from());
    }
  }

  private static boolean same(Path a, Path b) {
    return canonical(a).equals(canonical(b));
  }

  private static Path canonical(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
