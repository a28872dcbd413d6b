package dev.lanes.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.git.GitCli;
import dev.lanes.git.Worktrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutWatchTest {
  @TempDir Path repo;

  private final GitCli git = GitCli.system();

  private void checkout() throws IOException {
    git.run(repo, "init", "-q", "-b", "main");
    Files.writeString(repo.resolve("a.txt"), "a\n");
    git.run(repo, "add", "--all");
    git.run(
        repo,
        Map.of(
            "GIT_AUTHOR_NAME",
            "p",
            "GIT_AUTHOR_EMAIL",
            "p@x",
            "GIT_COMMITTER_NAME",
            "p",
            "GIT_COMMITTER_EMAIL",
            "p@x"),
        "commit",
        "-qm",
        "start");
  }

  /** A lane's watch, begun as its worker starts. */
  private CheckoutWatch watch() {
    return new CheckoutWatch(new Worktrees(git), repo);
  }

  @Test
  void lanesOneAfterAnotherEachSeeOnlyWhatChangedDuringTheirOwnRun() throws IOException {
    checkout();

    CheckoutWatch first = watch();
    Files.writeString(repo.resolve("escaped.txt"), "worker wrote here\n");
    assertThat(first.changed()).containsExactly("escaped.txt");

    // A person's edit while no worker runs is nobody's escape.
    Files.writeString(repo.resolve("a.txt"), "a person's edit\n");
    CheckoutWatch second = watch();
    Files.writeString(repo.resolve("b.txt"), "worker wrote here\n");
    assertThat(second.changed()).containsExactly("b.txt");

    CheckoutWatch third = watch();
    Files.createDirectories(repo.resolve(".lanes"));
    Files.writeString(repo.resolve(".lanes/run.txt"), "lanes' own\n");
    Files.writeString(repo.resolve("PLAN.md"), "# Plan\n");
    Files.createDirectories(repo.resolve("ledger"));
    Files.writeString(repo.resolve("ledger/entry.md"), "lanes' own\n");
    assertThat(third.changed()).isEmpty();
  }

  @Test
  void overlappingLanesEachSeeWhatChangedDuringTheirOwnRun() throws IOException {
    checkout();

    CheckoutWatch first = watch();
    Files.writeString(repo.resolve("early.txt"), "x\n");
    // The first worker runs: the second watch starts after early.txt, which is not its doing.
    CheckoutWatch second = watch();
    Files.writeString(repo.resolve("late.txt"), "y\n");
    Files.writeString(repo.resolve("a.txt"), "changed\n");
    Files.delete(repo.resolve("early.txt"));

    assertThat(second.changed()).containsExactly("a.txt", "early.txt", "late.txt");
    assertThat(first.changed()).containsExactly("a.txt", "late.txt");

    CheckoutWatch next = watch();
    assertThat(next.changed()).isEmpty();
  }
}
