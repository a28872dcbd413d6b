package dev.lanes.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario checks catch what they promise to catch, and pass a repository lanes kept well. */
class RepoChecksTest {
  @TempDir Path tmp;

  private TestRepo validated() {
    TestRepo repo = TestRepo.init(tmp).withTwoSourceFolders();
    repo.write("AGENTS.md", Fixtures.AGENTS)
        .write("PLAN.md", Fixtures.plan(Fixtures.lane("L-1", "src/a/**", "")))
        .commit("base");
    assertThat(repo.lanes("validate").exitCode()).isZero();
    return repo;
  }

  @Test
  void aRepositoryLanesOnlyReadPasses() {
    RepoChecks.check(validated());
  }

  @Test
  void aByteChangedOutsideTheTablesBehindTheTestsBackIsCaught() throws IOException {
    TestRepo repo = validated();
    Path plan = repo.root().resolve("PLAN.md");
    Files.writeString(plan, Files.readString(plan).replace("# Plan", "# Plan!"));
    assertThatThrownBy(() -> RepoChecks.check(repo))
        .hasMessageContaining("outside the Locks and Board tables changed");
  }

  @Test
  void thePersonsOwnEditOfThePlanIsTheirs() {
    TestRepo repo = validated();
    repo.write("PLAN.md", repo.read("PLAN.md").replace("# Plan", "# Plan!"));
    RepoChecks.check(repo);
  }

  @Test
  void aCommitWithoutLaneTrailersThatThePersonDidNotMakeIsCaught() {
    TestRepo repo = validated();
    repo.write("src/a/A.java", "class A { int x; }\n");
    repo.git("add", "-A");
    String tree = repo.git("write-tree").strip();
    String commit = repo.git("commit-tree", tree, "-p", "HEAD", "-m", "sneaked in").strip();
    repo.git("update-ref", "refs/heads/main", commit);
    assertThatThrownBy(() -> RepoChecks.check(repo))
        .hasMessageContaining(commit)
        .hasMessageContaining("Lane trailer");
  }

  @Test
  void thePersonsCommitIsAccepted() {
    TestRepo repo = validated();
    repo.write("src/b/B.java", "class B { int y; }\n").commit("person's work");
    RepoChecks.check(repo);
  }

  @Test
  void aProcessLeftRunningInTheFolderIsCaught() throws Exception {
    TestRepo repo = validated();
    Process left =
        new ProcessBuilder("sleep", "30")
            .directory(repo.root().toFile())
            .redirectErrorStream(true)
            .start();
    try {
      assertThatThrownBy(() -> RepoChecks.check(repo))
          .hasMessageContaining("processes left running")
          .hasMessageContaining("sleep 30");
    } finally {
      left.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aWorktreeNoBoardRowAccountsForIsCaught() {
    TestRepo repo = validated();
    repo.git("worktree", "add", "-q", "--detach", ".lanes/worktrees/L-9", "HEAD");
    assertThatThrownBy(() -> RepoChecks.check(repo)).hasMessageContaining(".lanes/worktrees/L-9");
  }
}
