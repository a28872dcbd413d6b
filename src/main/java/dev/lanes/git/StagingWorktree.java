package dev.lanes.git;

import dev.lanes.port.ApplyOutcome;
import dev.lanes.port.MoveOutcome;
import dev.lanes.port.MoveResult;
import dev.lanes.port.Staging;
import dev.lanes.port.WorktreeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integrator's git: the integration worktree {@code .lanes/integration} on branch {@code
 * lanes/integration}, the steps of landing there (reset, three-way apply, write the tree, commit),
 * what the repository tells about landing (branch tips, committed files, lanes already landed), and
 * the compare-and-swap of the target branch. The person's checkout is touched only by that final
 * move, and only as {@code git merge --ff-only} would touch it. Every call goes through {@link
 * GitCli}.
 */
public final class StagingWorktree implements Staging {
  private static final Pattern APPLY_ERROR =
      Pattern.compile(
          "^error: (?:patch failed: )?(.+?):(?:\\d+| does not| already| .*)", Pattern.MULTILINE);
  private static final Pattern MARKER = Pattern.compile("^\\+(<{7}|>{7})( |$)", Pattern.MULTILINE);

  private final Path root;
  private final Path dir;
  private final GitCli git;
  private final Worktrees worktrees;
  private GitIdentity identity;

  public StagingWorktree(Path root, GitCli git, Worktrees worktrees) {
    this.root = root;
    this.dir = root.resolve(DIR);
    this.git = git;
    this.worktrees = worktrees;
  }

  public Path dir() {
    return dir;
  }

  public Optional<String> tip(String branch) {
    CliResult r =
        git.execute(
            new CliCall(
                root,
                List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + branch + "^{commit}"),
                Map.of()),
            Optional.empty());
    return r.exitCode() == 0 ? Optional.of(r.stdoutText().strip()) : Optional.empty();
  }

  public Optional<String> committedFile(String commit, String path) {
    CliResult r =
        git.execute(
            new CliCall(root, List.of("cat-file", "blob", commit + ":" + path), Map.of()),
            Optional.empty());
    return r.exitCode() == 0
        ? Optional.of(new String(r.stdout(), StandardCharsets.UTF_8))
        : Optional.empty();
  }

  public List<String> trackedFiles() {
    return GitRepository.trackedFiles(git, root);
  }

  public byte[] patchOf(String base, String captured) {
    return new PatchCapture(git).diff(root, base, captured);
  }

  /**
   * Every lane commit on {@code tip}'s history (back to {@code base}, when known), keyed by {@link
   * Staging#landedKey}, the newest where two carry the same trailers {@code Lane: <lane>} and
   * {@code Attempt: <attempt>}: the mark of a lane an earlier run landed.
   */
  public Map<String, String> landedCommits(String tip, Optional<String> base) {
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

  /**
   * Makes the staging worktree (or reuses it) and resets it, branch and files, to {@code commit};
   * untracked and ignored files left by earlier gates are removed so no build output leaks between
   * trees.
   */
  public void resetTo(String commit) {
    // Under the integrator lock no other lanes process writes this branch: a lock file on it is
    // what a killed run left, and would block every run after it.
    GitDirs.removeStaleRefLock(root, "refs/heads/" + BRANCH);
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
    }
    rewind(commit);
  }

  public void rewind(String commit) {
    git.run(dir, "reset", "-q", "--hard", commit);
    git.run(dir, "clean", "-q", "-ffdx");
  }

  public void discard() {
    rewind("HEAD");
  }

  public String head() {
    return git.run(dir, "rev-parse", "--verify", "HEAD^{commit}");
  }

  public String tree() {
    return git.run(dir, "write-tree");
  }

  /**
   * Applies a patch to the index and files, three-way where its context does not match; a patch
   * that leaves unmerged entries or new conflict markers is reported as conflicting. The bytes go
   * to git on its standard input: they are the ones the integrator checked, and a file could be
   * written again between the check and the apply.
   */
  public ApplyOutcome apply(byte[] patch) {
    CliResult r =
        git.execute(
            new CliCall(
                dir, List.of("apply", "--3way", "--index", "--whitespace=nowarn"), Map.of()),
            Optional.of(patch));
    String output = (r.stdoutText() + r.stderr()).strip();
    if (r.exitCode() == 0 && !output.toLowerCase(Locale.ROOT).contains("three-way")) {
      // Applied straight, with no merge: no unmerged entries, no markers it did not bring.
      return new ApplyOutcome(true, List.of(), output);
    }
    Set<String> conflicts =
        new LinkedHashSet<>(split(git.run(dir, "diff", "--name-only", "--diff-filter=U", "-z")));
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

  /** Whether the staged change holds more conflict-marker lines than the patch itself added. */
  private boolean newMarkers(byte[] patch) {
    String staged =
        new String(
            git.runBytes(dir, "diff", "--cached", "--no-color", "--no-ext-diff", "HEAD", "--"),
            StandardCharsets.UTF_8);
    return count(staged) > count(new String(patch, StandardCharsets.UTF_8));
  }

  private static int count(String diff) {
    Matcher m = MARKER.matcher(diff);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  public List<String> patchFiles(byte[] patch) {
    String out =
        git.execute(
                new CliCall(root, List.of("apply", "--numstat", "-z"), Map.of()),
                Optional.of(patch))
            .stdoutText();
    List<String> files = new ArrayList<>();
    String[] fields = out.split("\0", -1);
    for (int i = 0; i < fields.length; i++) {
      String[] cols = fields[i].split("\t", 3);
      if (cols.length == 3 && cols[2].isEmpty() && i + 2 < fields.length) {
        files.add(fields[++i]);
        files.add(fields[++i]);
      } else if (cols.length == 3) {
        files.add(cols[2]);
      }
    }
    return List.copyOf(files);
  }

  public List<String> stagedFiles() {
    return split(
        git.run(dir, "diff", "--cached", "--name-only", "--no-renames", "-z", "HEAD", "--"));
  }

  public List<String> filesBetween(String from, String to) {
    return split(git.run(dir, "diff", "--name-only", "--no-renames", "-z", from, to, "--"));
  }

  /**
   * Commits the index with {@code message} as the repository's identity (read at the first commit
   * and kept); returns the new commit.
   */
  public String commit(String message) {
    if (identity == null) {
      identity = GitIdentity.resolve(git, root);
    }
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
   * Moves {@code target} from {@code expected} to {@code next}, both atomically and only if it
   * still points at {@code expected}. Where a worktree (the person's checkout, say) has the target
   * checked out, the move is {@code git merge --ff-only} run in it, which keeps uncommitted and
   * untracked files and refuses when the landed work touches one of them; elsewhere it is {@code
   * git update-ref <ref> <next> <expected>}.
   */
  public MoveResult moveTarget(String target, String expected, String next) {
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

  private static List<String> split(String nulSeparated) {
    List<String> out = new ArrayList<>();
    for (String s : nulSeparated.split("\0")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return List.copyOf(out);
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
