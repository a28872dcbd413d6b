package dev.lanes.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCheckoutTest {
  @TempDir Path tmp;

  @Test
  void givesTheSameWorkTreeBranchAndFilesAsJgit() throws IOException {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("repo", Map.of("a.txt", "a\n", "src/b.txt", "b\n")).toRealPath();
    Path sub = Files.createDirectories(repo.resolve("src"));

    GitCheckout quick = GitCheckout.probe(sub).orElseThrow();

    try (GitRepository jgit = GitRepository.open(sub)) {
      assertThat(quick.workTree()).isEqualTo(jgit.workTree()).isEqualTo(repo);
      assertThat(quick.branch()).isEqualTo(jgit.currentBranch());
      assertThat(quick.trackedFiles()).isEqualTo(jgit.trackedFiles());
    }
  }

  @Test
  void aLanesWorktreeMapsToTheMainCheckoutAndADetachedHeadHasNoBranch() throws IOException {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("repo", Map.of("a.txt", "a\n")).toRealPath();
    String tip = repos.head(repo);
    Path lane = new Worktrees(repos.git).add(repo, "L-001", tip);

    assertThat(GitCheckout.probe(lane).orElseThrow().workTree()).isEqualTo(repo);

    repos.git.run(repo, "checkout", "-q", "--detach");
    GitCheckout detached = GitCheckout.probe(repo).orElseThrow();
    assertThat(detached.branch()).isEqualTo(Optional.empty());
  }

  @Test
  void outsideAnyRepositoryJgitIsLeftToSaySo() throws IOException {
    Path plain = Files.createDirectories(tmp.resolve("plain"));

    assertThat(GitCheckout.probe(plain)).isEmpty();
    assertThat(GitCheckout.probe(plain.resolve("missing"))).isEmpty();
  }
}
