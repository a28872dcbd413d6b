package dev.lanes.git;

import dev.lanes.port.CapturedPatch;
import dev.lanes.port.ChangedFile;
import dev.lanes.port.ChangedFile.Kind;
import dev.lanes.port.LaneCapture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a worker left in its worktree into one commit and one patch (contract 2.3): its
 * commits, staged, unstaged and untracked files that are not ignored, binary files, deletions,
 * renames and mode changes.
 *
 * <p>Staging and diffing go through the {@code git} executable rather than JGit on purpose: the
 * patch must be byte for byte what {@code git diff --binary} writes, and staging must honour
 * exactly the ignore rules, attributes and clean filters (autocrlf, LFS) of the git the worker
 * itself used. The diff options pin down the few settings a user's config could otherwise change
 * (colour, prefixes, external diff, textconv, relative paths); under default config they change
 * nothing.
 */
public final class PatchCapture implements LaneCapture {
  private static final List<String> DIFF_OPTIONS =
      List.of(
          "--no-color",
          "--no-ext-diff",
          "--no-textconv",
          "--no-relative",
          "--src-prefix=a/",
          "--dst-prefix=b/");

  private final GitCli git;

  public PatchCapture(GitCli git) {
    this.git = git;
  }

  /**
   * Stages everything in {@code worktree} that differs from {@code baseCommit}, commits it on the
   * checked-out branch with {@code message} when anything is uncommitted (as the repository's
   * identity, see {@link GitIdentity}; hooks and signing are skipped, the worker's output is not
   * lanes' to veto), and returns the diff from the base to that commit. When nothing differs from
   * the base, no commit is made and the patch is empty with the base as its commit.
   */
  public CapturedPatch capture(Path worktree, String baseCommit, String message) {
    String base = git.run(worktree, "rev-parse", "--verify", baseCommit + "^{commit}");
    git.run(worktree, "add", "--all");
    String staged = git.run(worktree, "write-tree");
    List<String> ids =
        git.run(worktree, "rev-parse", base + "^{tree}", "HEAD^{commit}", "HEAD^{tree}")
            .lines()
            .toList();
    if (staged.equals(ids.get(0))) {
      return new CapturedPatch(base, base, new byte[0], List.of());
    }
    String commit = staged.equals(ids.get(2)) ? ids.get(1) : commitStaged(worktree, message);
    byte[] patch = diff(worktree, base, commit);
    if (patch.length == 0) {
      // Commits whose sum is no change: nothing differs from the base.
      return new CapturedPatch(base, base, new byte[0], List.of());
    }
    return new CapturedPatch(base, commit, patch, filesBetween(worktree, base, commit));
  }

  /** Commits what is staged on the worktree's branch; returns the new commit. */
  private String commitStaged(Path worktree, String message) {
    // git refuses an empty message; the work must still be kept.
    String text = message.isBlank() ? "lanes: captured work" : message;
    // The worker has ended and the lane's lock is held: a lock file on the lane's branch is what a
    // killed lanes left, and would make this commit fail.
    GitDirs.removeStaleHeadLock(worktree);
    git.run(
        worktree,
        GitIdentity.resolve(git, worktree).env(),
        // No background maintenance after each lane's commit: a dispatch of fifty lanes would
        // start it fifty times; the person's own commits still run it.
        "-c",
        "maintenance.auto=false",
        "-c",
        "gc.auto=0",
        "commit",
        "--quiet",
        "--no-verify",
        "--no-gpg-sign",
        "--cleanup=whitespace",
        "-m",
        text);
    return git.run(worktree, "rev-parse", "--verify", "HEAD^{commit}");
  }

  /**
   * The bytes of {@code git diff --binary --full-index -M from to}, the patch format lanes keeps.
   */
  public byte[] diff(Path dir, String from, String to) {
    List<String> args = new ArrayList<>(List.of("diff", "--binary", "--full-index", "-M"));
    args.addAll(DIFF_OPTIONS);
    args.addAll(List.of(from, to, "--"));
    return git.runBytes(dir, args.toArray(String[]::new));
  }

  /** The files that differ between two commits, renames detected. */
  public List<ChangedFile> filesBetween(Path dir, String from, String to) {
    return parseRaw(git.run(dir, rawArgs(from, to)));
  }

  private static String[] rawArgs(String from, String to) {
    return new String[] {
      "diff", "--raw", "-z", "-M", "--no-abbrev", "--no-relative", from, to, "--"
    };
  }

  /**
   * Reads {@code --raw -z} output: {@code :oldmode newmode oldsha newsha STATUS NUL path NUL}, with
   * a second path after a rename or copy.
   */
  static List<ChangedFile> parseRaw(String raw) {
    List<ChangedFile> files = new ArrayList<>();
    String[] fields = raw.split("\0", -1);
    int i = 0;
    while (i < fields.length) {
      String header = fields[i++];
      if (header.isEmpty()) {
        continue;
      }
      if (!header.startsWith(":")) {
        throw new IllegalStateException("unexpected git diff --raw output: " + header);
      }
      String[] parts = header.substring(1).split(" ");
      String oldMode = parts[0];
      String newMode = parts[1];
      boolean sameContent = parts[2].equals(parts[3]);
      char status = parts[4].charAt(0);
      String path = fields[i++];
      switch (status) {
        case 'A' -> files.add(new ChangedFile(path, Optional.empty(), Kind.ADDED));
        case 'D' -> files.add(new ChangedFile(path, Optional.empty(), Kind.DELETED));
        case 'T' -> files.add(new ChangedFile(path, Optional.empty(), Kind.TYPE_CHANGED));
        case 'R' -> files.add(new ChangedFile(fields[i++], Optional.of(path), Kind.RENAMED));
        // -M alone never reports copies, but a user's diff.renames=copies could; a copy adds a
        // file.
        case 'C' -> files.add(new ChangedFile(fields[i++], Optional.empty(), Kind.ADDED));
        default ->
            files.add(
                new ChangedFile(
                    path,
                    Optional.empty(),
                    sameContent && !oldMode.equals(newMode) ? Kind.MODE_CHANGED : Kind.MODIFIED));
      }
    }
    return List.copyOf(files);
  }
}
