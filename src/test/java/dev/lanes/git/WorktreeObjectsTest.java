package dev.lanes.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process tree, commit and diff steps give exactly what the git executable gives on the same
 * linked worktree, and stand aside (empty) wherever git must do the step instead.
 */
class WorktreeObjectsTest {
  @TempDir Path tmp;

  private TempRepos repos;
  private Path repo;
  private Path wt;
  private String base;
  private final WorktreeObjects objects = new WorktreeObjects(Map.of());

  @BeforeEach
  void setUp() throws IOException {
    repos = new TempRepos(tmp);
    repo =
        repos
            .repo(
                "repo",
                Map.of(
                    "a.txt", "alpha\n",
                    "dir/b.txt", "beta\n",
                    "dir/deep/c.txt", "gamma\n",
                    "gone.txt", "bye\n"))
            .toRealPath();
    base = repos.head(repo);
    wt = new Worktrees(repos.git).add(repo, "L-1", base);
  }

  /** A staged change of every kind: edit, add in a new folder, delete, rename, mode change. */
  private void stageChanges() throws IOException {
    TempRepos.write(wt.resolve("a.txt"), "alpha edited\n");
    TempRepos.write(wt.resolve("new/dir/n.txt"), "new\n");
    Files.delete(wt.resolve("gone.txt"));
    Files.move(wt.resolve("dir/deep/c.txt"), wt.resolve("dir/c-moved.txt"));
    Files.setPosixFilePermissions(
        wt.resolve("dir/b.txt"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    repos.git.run(wt, "add", "--all");
  }

  @Test
  void indexTreeIsTheTreeGitWriteTreeWrites() throws IOException {
    stageChanges();

    Optional<String> tree = objects.indexTree(wt);

    assertThat(tree).contains(repos.git.run(wt, "write-tree"));
    // The tree objects are really in the shared database: git can list them.
    assertThat(repos.git.run(wt, "ls-tree", "-r", "--name-only", tree.orElseThrow()))
        .contains("new/dir/n.txt", "dir/c-moved.txt")
        .doesNotContain("gone.txt");
  }

  @Test
  void headIsTheBranchTipAndItsTree() {
    assertThat(objects.head(wt))
        .contains(List.of(base, repos.git.run(wt, "rev-parse", "HEAD^{tree}")));
    assertThat(objects.treeOf(wt, base))
        .contains(repos.git.run(repo, "rev-parse", base + "^{tree}"));
  }

  @Test
  void changedPathsListWhatGitDiffNameOnlyNoRenamesLists() throws IOException {
    stageChanges();
    String staged = objects.indexTree(wt).orElseThrow();
    String headTree = repos.git.run(wt, "rev-parse", "HEAD^{tree}");

    List<String> expected =
        Arrays.stream(
                repos
                    .git
                    .run(wt, "diff", "--cached", "--name-only", "--no-renames", "-z", "HEAD")
                    .split("\0"))
            .filter(s -> !s.isEmpty())
            .toList();

    assertThat(objects.changedPaths(wt, headTree, staged)).contains(expected);
    assertThat(expected)
        .containsExactly(
            "a.txt", "dir/b.txt", "dir/c-moved.txt", "dir/deep/c.txt", "gone.txt", "new/dir/n.txt");
  }

  @Test
  void commitMovesTheCheckedOutBranchWithTheMessageAndIdentityAsGiven() throws IOException {
    stageChanges();
    String tree = objects.indexTree(wt).orElseThrow();
    String message = "Land L-1\n\nLane: L-1\nAttempt: 1\n";

    Optional<String> commit =
        objects.commit(wt, base, tree, message, new GitIdentity("Lanes Bot", "bot@example.com"));

    assertThat(commit).isPresent();
    assertThat(repos.git.run(repo, "rev-parse", "refs/heads/lanes/L-1")).isEqualTo(commit.get());
    assertThat(repos.git.run(wt, "rev-parse", "HEAD")).isEqualTo(commit.get());
    assertThat(repos.git.run(wt, "log", "-1", "--format=%an <%ae>|%cn <%ce>|%P|%T"))
        .isEqualTo("Lanes Bot <bot@example.com>|Lanes Bot <bot@example.com>|" + base + "|" + tree);
    assertThat(repos.git.run(wt, "cat-file", "commit", commit.get()))
        .endsWith("\n\n" + message.stripTrailing());
    assertThat(repos.git.run(wt, "log", "-1", "--format=%(trailers:key=Lane,valueonly)"))
        .isEqualTo("L-1\n");
    // The index already held the tree: git sees nothing left to commit.
    assertThat(repos.git.run(wt, "status", "--porcelain")).isEmpty();
  }

  @Test
  void commitStandsAsideWhenTheBranchMovedMeanwhile() throws IOException {
    stageChanges();
    String tree = objects.indexTree(wt).orElseThrow();
    repos.git.run(
        wt, "-c", "user.name=W", "-c", "user.email=w@example.com", "commit", "-qm", "worker");
    String moved = repos.git.run(wt, "rev-parse", "HEAD");

    assertThat(objects.commit(wt, base, tree, "late\n", GitIdentity.LANES)).isEmpty();
    assertThat(repos.git.run(wt, "rev-parse", "HEAD")).isEqualTo(moved);
  }

  @Test
  void commitStandsAsideOnADetachedHeadOrForcedCommitVariables() throws IOException {
    stageChanges();
    String tree = objects.indexTree(wt).orElseThrow();
    WorktreeObjects dated = new WorktreeObjects(Map.of("GIT_COMMITTER_DATE", "2020-01-01"));

    assertThat(dated.commit(wt, base, tree, "m\n", GitIdentity.LANES)).isEmpty();
    assertThat(objects.head(wt)).isPresent();

    repos.git.run(wt, "checkout", "-q", "--detach");
    assertThat(objects.head(wt)).isEmpty();
    assertThat(objects.commit(wt, base, tree, "m\n", GitIdentity.LANES)).isEmpty();
    assertThat(repos.git.run(wt, "rev-parse", "HEAD")).isEqualTo(base);
  }

  @Test
  void aStaleLockOnALanesBranchBlocksTheCommitUntilRemovedAndOtherBranchesLocksStay()
      throws IOException {
    stageChanges();
    String tree = objects.indexTree(wt).orElseThrow();
    Path laneLock = repo.resolve(".git/refs/heads/lanes/L-1.lock");
    Files.writeString(laneLock, "stale\n");
    Path mainLock = repo.resolve(".git/refs/heads/main.lock");
    Files.writeString(mainLock, "a person's git at work\n");

    assertThat(objects.commit(wt, base, tree, "m\n", GitIdentity.LANES)).isEmpty();
    assertThat(objects.removeStaleHeadLock(wt)).isTrue();
    assertThat(laneLock).doesNotExist();
    assertThat(objects.commit(wt, base, tree, "m\n", GitIdentity.LANES)).isPresent();

    assertThat(WorktreeObjects.removeStaleRefLock(repo, "refs/heads/main")).isFalse();
    assertThat(mainLock).exists();
  }

  @Test
  void anIndexJgitCannotReadOrANonRepositoryFolderGiveEmpty() throws IOException {
    Path index =
        Path.of(repos.git.run(wt, "rev-parse", "--path-format=absolute", "--git-path", "index"));
    Files.write(index, "not an index".getBytes(StandardCharsets.UTF_8));
    assertThat(objects.indexTree(wt)).isEmpty();

    Path plain = Files.createDirectories(tmp.resolve("plain"));
    assertThat(objects.indexTree(plain)).isEmpty();
    assertThat(objects.head(plain)).isEmpty();
  }
}
