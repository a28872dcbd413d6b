package dev.lanes.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ref lock left by a killed process is removed on lanes' own branches only. */
class GitDirsTest {
  @TempDir Path tmp;

  @Test
  void aStaleLockOnALanesBranchBlocksTheCommitUntilRemovedAndOtherBranchesLocksStay()
      throws IOException {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("repo", Map.of("a.txt", "alpha\n")).toRealPath();
    Path wt = new Worktrees(repos.git).add(repo, "L-1", repos.head(repo));
    TempRepos.write(wt.resolve("a.txt"), "alpha edited\n");
    repos.git.run(wt, "add", "--all");
    Path laneLock = repo.resolve(".git/refs/heads/lanes/L-1.lock");
    Files.writeString(laneLock, "stale\n");
    Path mainLock = repo.resolve(".git/refs/heads/main.lock");
    Files.writeString(mainLock, "a person's git at work\n");

    assertThat(commit(repos, wt)).isNotZero();
    assertThat(GitDirs.removeStaleHeadLock(wt)).isTrue();
    assertThat(laneLock).doesNotExist();
    assertThat(commit(repos, wt)).isZero();

    assertThat(GitDirs.removeStaleRefLock(repo, "refs/heads/main")).isFalse();
    assertThat(mainLock).exists();
  }

  private static int commit(TempRepos repos, Path wt) {
    return repos
        .git
        .execute(
            new CliCall(wt, List.of("commit", "-q", "-m", "m"), GitIdentity.LANES.env()),
            Optional.empty())
        .exitCode();
  }
}
