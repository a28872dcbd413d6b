package dev.lanes.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.git.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutWatchTest {
  @TempDir Path repo;

  private final GitCli git = GitCli.system();

  private CheckoutWatch.Snapshots checkout() throws IOException {
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
    return new CheckoutWatch.Snapshots(git, repo);
  }

  @Test
  void lanesOneAfterAnotherEachSeeOnlyWhatChangedSinceTheLastOneEnded() throws IOException {
    CheckoutWatch.Snapshots checkout = checkout();

    CheckoutWatch first = CheckoutWatch.start(checkout);
    first.workerStarted();
    Files.writeString(repo.resolve("escaped.txt"), "worker wrote here\n");
    assertThat(first.changed()).containsExactly("escaped.txt");

    // A change between two lanes is reported by the next lane, not lost.
    Files.writeString(repo.resolve("a.txt"), "a person's edit\n");
    CheckoutWatch second = CheckoutWatch.start(checkout);
    second.workerStarted();
    assertThat(second.changed()).containsExactly("a.txt");

    CheckoutWatch third = CheckoutWatch.start(checkout);
    third.workerStarted();
    Files.createDirectories(repo.resolve(".lanes"));
    Files.writeString(repo.resolve(".lanes/run.txt"), "lanes' own\n");
    Files.writeString(repo.resolve("PLAN.md"), "# Plan\n");
    assertThat(third.changed()).isEmpty();
  }

  @Test
  void overlappingLanesEachSeeWhatChangedDuringTheirOwnRun() throws IOException {
    CheckoutWatch.Snapshots checkout = checkout();

    CheckoutWatch first = CheckoutWatch.start(checkout);
    first.workerStarted();
    Files.writeString(repo.resolve("early.txt"), "x\n");
    // The first worker runs: the second watch takes its own snapshot, early.txt is not its doing.
    CheckoutWatch second = CheckoutWatch.start(checkout);
    second.workerStarted();
    Files.writeString(repo.resolve("late.txt"), "y\n");

    assertThat(second.changed()).containsExactly("late.txt");
    assertThat(first.changed()).containsExactly("early.txt", "late.txt");

    // The snapshot the last lane ended with starts the next one.
    CheckoutWatch next = CheckoutWatch.start(checkout);
    next.workerStarted();
    assertThat(next.changed()).isEmpty();
  }

  @Test
  void lanesStartingTogetherShareTheSnapshotTakenBeforeAnyWorkerStarted() throws IOException {
    CheckoutWatch.Snapshots checkout = checkout();

    CheckoutWatch first = CheckoutWatch.start(checkout);
    // No worker runs yet: a change now (a person's) is in neither lane's snapshot, and both report
    // it, as a change between two lanes run one after another is reported by the next.
    Files.writeString(repo.resolve("a.txt"), "a person's edit\n");
    CheckoutWatch second = CheckoutWatch.start(checkout);
    first.workerStarted();
    second.workerStarted();
    Files.writeString(repo.resolve("escaped.txt"), "a worker wrote here\n");

    assertThat(first.changed()).containsExactly("a.txt", "escaped.txt");
    assertThat(second.changed()).containsExactly("a.txt", "escaped.txt");
  }

  @Test
  void aWatchWhoseLaneNeverStartedAWorkerLeavesTheNextLanesUnaffected() throws IOException {
    CheckoutWatch.Snapshots checkout = checkout();

    // A lane whose setup failed begins a watch and never ends it.
    CheckoutWatch.start(checkout);
    CheckoutWatch next = CheckoutWatch.start(checkout);
    next.workerStarted();
    Files.writeString(repo.resolve("escaped.txt"), "worker wrote here\n");
    assertThat(next.changed()).containsExactly("escaped.txt");

    // Its snapshot, taken with no worker running, starts the lane after it.
    CheckoutWatch after = CheckoutWatch.start(checkout);
    after.workerStarted();
    assertThat(after.changed()).isEmpty();
  }
}
