package dev.lanes.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryTest {
  @TempDir Path tmp;

  @Test
  void fromASubfolderGivesTheWorkTreeBranchAndTrackedFiles() throws IOException {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("repo", Map.of("a.txt", "a\n", "src/b.txt", "b\n")).toRealPath();
    Path sub = Files.createDirectories(repo.resolve("src"));

    GitRepository git = GitRepository.open(sub);

    assertThat(git.workTree()).isEqualTo(repo);
    assertThat(git.branch()).contains("main");
    assertThat(git.trackedFiles(repos.git)).containsExactly("a.txt", "src/b.txt");
    assertThat(repos.calls).last().satisfies(c -> assertThat(c.args()).contains("ls-files"));
  }

  @Test
  void aLanesWorktreeMapsToTheMainCheckoutAndADetachedHeadHasNoBranch() throws IOException {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("repo", Map.of("a.txt", "a\n")).toRealPath();
    String tip = repos.head(repo);
    Path lane = new Worktrees(repos.git).add(repo, "L-001", tip);

    GitRepository fromLane = GitRepository.open(lane);
    assertThat(fromLane.workTree()).isEqualTo(repo);
    assertThat(fromLane.branch()).as("the worktree's own HEAD").contains("lanes/L-001");

    repos.git.run(repo, "checkout", "-q", "-b", "feature/x");
    assertThat(GitRepository.open(repo).branch()).contains("feature/x");

    repos.git.run(repo, "checkout", "-q", "--detach");
    assertThat(GitRepository.open(repo).branch()).isEqualTo(Optional.empty());
  }

  @Test
  void outsideAnyRepositoryOrFolderIsBadUsage() throws IOException {
    Path plain = Files.createDirectories(tmp.resolve("plain"));

    assertThatThrownBy(() -> GitRepository.open(plain))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("not inside a git repository")
        .hasMessageContaining("--repo DIR");
    assertThatThrownBy(() -> GitRepository.open(plain.resolve("missing")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("not a folder");
  }
}
