package dev.lanes.port;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the integrator reads: branch tips, commits, files, patches. */
public interface StagingQueries {
  /** The staging worktree's folder. */
  Path dir();

  /** The commit a branch points at, if it exists. */
  Optional<String> tip(String branch);

  /** The text of {@code path} as committed in {@code commit}; empty when it holds no such file. */
  Optional<String> committedFile(String commit, String path);

  /** The files the person's checkout tracks. */
  List<String> trackedFiles();

  /**
   * The patch of a lane's captured commit against its base, made again from the repository when its
   * stored file is gone.
   */
  byte[] patchOf(String base, String captured);

  /**
   * The lane commits on {@code tip}'s history (back to {@code base}, when known) by {@link
   * Staging#landedKey}, read from their {@code Lane:} and {@code Attempt:} trailers.
   */
  Map<String, String> landedCommits(String tip, Optional<String> base);

  /** The commit staging is at. */
  String head();

  /** The tree of the index, which after an apply with {@code --index} is the work tree's. */
  String tree();

  /** The files a patch touches, both sides of a rename, as {@code git apply --numstat} reads it. */
  List<String> patchFiles(byte[] patch);

  /** The files the staged change touches (both sides of a rename), sorted by git. */
  List<String> stagedFiles();

  /** The files that differ between two commits (both sides of a rename). */
  List<String> filesBetween(String from, String to);
}
