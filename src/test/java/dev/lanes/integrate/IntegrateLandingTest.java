package dev.lanes.integrate;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lanes that land: one gated commit each on the target, the Board and ledger saying so. */
@ExtendWith(RepoChecks.class)
class IntegrateLandingTest {
  @TempDir Path tmp;

  @Test
  void cleanLanesLandOneCommitEachWithTrailersAndReleaseTheirLocks() throws Exception {
    Scenario s =
        Scenario.create(tmp, lane("L-1", "src/one.txt", "") + lane("L-2", "src/base.txt", ""))
            .agent("L-1", "echo first > src/one.txt\n")
            .agent("L-2", "sed -i 's/^four$/FOUR/' src/base.txt\n")
            .commitBase();
    s.dispatch();
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run)
        .succeeded()
        // Each patch applied and committed once on staging; main moved once, by a fast-forward in
        // the person's checkout (main is checked out there), whose files git changed in no other
        // way (`worktree` keeps the staging worktree registered).
        .ranGit(2, "apply", "--3way", "--index")
        .ranGit(2, "commit")
        .ranGit(1, "merge", "--ff-only")
        .ranNoGitActionIn(s.repo.root().toRealPath(), "merge", "worktree");
    List<String> commits = s.commitsSince(before);
    assertThat(commits).hasSize(2);
    assertThat(s.message(commits.get(0)))
        .startsWith("work on L-1\n\n")
        .contains("\nLane: L-1\nAttempt: 1\nAgent: script\n")
        .containsPattern("(?m)^Gates: 1 pass \\d+\\.\\ds$");
    assertThat(s.message(commits.get(1))).startsWith("work on L-2\n\n").contains("Lane: L-2\n");
    assertThat(s.repo.git("show", "main:src/one.txt")).isEqualTo("first\n");
    assertThat(s.repo.git("show", "main:src/base.txt")).contains("\nFOUR\n");
    // The person's checkout is on main: its files came along.
    assertThat(s.repo.read("src/one.txt")).isEqualTo("first\n");
    assertThat(s.repo.git("status", "--porcelain", "--", "src")).isEmpty();

    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.status("L-2")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.plan().locks()).as("integrated lanes' locks are released").isEmpty();
    assertThat(s.entries("L-1", "integration"))
        .singleElement()
        .asString()
        .contains("- Result: landed")
        .contains("- Commit: " + commits.get(0))
        .contains("patch gate 1 (no broken): pass")
        .contains("wave gate 2 (not x and y): pass");
    assertThat(run.out()).contains("L-1 attempt 1: landed as").contains("main: " + before);
    s.assertEveryCommitPassesItsGates(before);

    // Nothing left to do: a second run is a no-op with exit 0.
    TestRepo.Run again = s.integrate();
    assertThat(again).succeeded();
    assertThat(again.out()).contains("Nothing to integrate");
    assertThat(s.commitsSince(before)).hasSize(2);
  }

  @Test
  void aStagingBranchLockLeftByAKilledRunDoesNotBlockTheNextRun() throws Exception {
    Scenario s = Scenario.oneLaneHandedOff(tmp, "echo first > src/one.txt\n");
    String before = s.tip();
    // What a run killed while moving lanes/integration in-process leaves behind.
    Path lock = s.repo.root().resolve(".git/refs/heads/lanes/integration.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "0000000000000000000000000000000000000000\n");

    TestRepo.Run run = s.integrate();

    assertThat(run).succeeded();
    assertThat(s.commitsSince(before)).hasSize(1);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(lock).doesNotExist();
    s.assertEveryCommitPassesItsGates(before);
  }

  @Test
  void aBinaryFileAndADeletionLandByteForByte() throws Exception {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Scenario s =
        Scenario.create(tmp, lane("L-1", "src/**", ""))
            .agent(
                "L-1",
                "rm src/base.txt\n"
                    + "printf '\\000\\001\\002\\377\\376\\r\\n\\000' > src/blob.bin\n"
                    + "cat > src/all.bin <<'X'\nignored\nX\n"
                    + "i=0; : > src/all.bin; while [ $i -lt 256 ]; do"
                    + " printf \"$(printf '\\\\%03o' $i)\" >> src/all.bin; i=$((i+1)); done\n");
    s.repo.write("src/keep.txt", "keep\n");
    s.commitBase();
    s.dispatch();
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).succeeded();
    assertThat(s.repo.git("ls-tree", "-r", "--name-only", "main"))
        .contains("src/blob.bin")
        .contains("src/all.bin")
        .doesNotContain("src/base.txt");
    assertThat(Files.readAllBytes(s.repo.root().resolve("src/all.bin"))).isEqualTo(bytes);
    assertThat(Files.readAllBytes(s.repo.root().resolve("src/blob.bin")))
        .isEqualTo(new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, '\r', '\n', 0});
    assertThat(s.repo.root().resolve("src/base.txt")).doesNotExist();
    // The committed blob is the same bytes as the worker's file.
    Path lanesCopy = s.repo.root().resolve(".lanes/worktrees/L-1/src/all.bin");
    assertThat(Files.readAllBytes(lanesCopy)).isEqualTo(bytes);
    s.assertEveryCommitPassesItsGates(before);
  }

  @Test
  void aLaneAlreadyOnTheTargetIsRecordedNotAppliedTwice() throws Exception {
    Scenario s = Scenario.oneLaneHandedOff(tmp, "echo first > src/one.txt\n");
    // As if an earlier integrate moved main and was killed before writing the ledger.
    s.repo.git("cherry-pick", "--no-commit", "lanes/L-1");
    s.repo.git(
        "commit",
        "-q",
        "-m",
        "work on L-1\n\nLane: L-1\nAttempt: 1\nAgent: script\nGates: 1 pass 0.0s",
        "--",
        "src/one.txt");
    String landed = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).succeeded();
    assertThat(s.tip()).as("nothing landed twice").isEqualTo(landed);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.entries("L-1", "integration"))
        .singleElement()
        .asString()
        .contains("- Commit: " + landed)
        .contains("landed by an earlier run");
  }

  @Test
  void dryRunShowsTheQueueAndGatesAndWritesNothing() throws Exception {
    Scenario s =
        Scenario.create(tmp, lane("L-1", "src/one.txt", "") + lane("L-2", "src/two.txt", ""))
            .agent("L-1", "echo first > src/one.txt\n")
            .agent("L-2", "echo second > src/two.txt\n")
            .commitBase();
    s.dispatch();
    Map<String, String> files = s.repo.snapshot();
    String worktrees = s.repo.git("worktree", "list");
    String branches = s.repo.git("branch", "--list");

    TestRepo.Run run = s.integrate("--dry-run");

    assertThat(run).succeeded().ranNoGitAction();
    assertThat(run.out())
        .contains("Would integrate 2 lanes onto main")
        .contains("L-1 (wave 1, attempt 1, agent script)")
        .contains("patch: " + s.repo.root().toRealPath().resolve(".lanes/run/L-1/1.patch"))
        .contains("files: src/one.txt")
        .contains("L-2 (wave 1, attempt 1, agent script)")
        .contains("1 no broken: " + Scenario.PATCH_GATE)
        .contains("2 not x and y: " + Scenario.WAVE_GATE);
    assertThat(s.repo.snapshot()).as("a dry run writes nothing").isEqualTo(files);
    assertThat(s.repo.git("worktree", "list")).isEqualTo(worktrees);
    assertThat(s.repo.git("branch", "--list")).isEqualTo(branches);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.HANDED_OFF);
  }
}
