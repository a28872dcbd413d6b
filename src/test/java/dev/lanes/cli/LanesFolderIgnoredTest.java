package dev.lanes.cli;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.Fixtures.plan;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testing.Fixtures;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * lanes' run state never shows in the person's {@code git status}, even when a command makes {@code
 * .lanes/} before any worktree exists (found by RandomKillIT: a `git add -A` to commit the Board
 * would have committed lanes' lock files).
 */
@ExtendWith(RepoChecks.class)
class LanesFolderIgnoredTest {
  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo =
        TestRepo.init(tmp)
            .withTwoSourceFolders()
            .write("AGENTS.md", Fixtures.AGENTS)
            .write("PLAN.md", plan(lane("L-1", "src/a/**", "")))
            .commit("base");
  }

  @Test
  void anIntegrateWithNothingToDoLeavesTheCheckoutClean() {
    TestRepo.Run run = repo.lanes("integrate");

    assertThat(run).succeeded();
    assertThat(repo.root().resolve(".lanes/state")).isDirectory();
    assertThat(repo.git("status", "--porcelain", "--untracked-files=all")).isEmpty();
  }

  @Test
  void aCheckpointBeforeAnyDispatchShowsOnlyTheLedgerAndTheBoard() {
    TestRepo.Run run = repo.lanes("checkpoint", "--lane", "L-1", "--done", "read", "--next", "x");

    assertThat(run).succeeded();
    assertThat(repo.git("status", "--porcelain", "--untracked-files=all"))
        .doesNotContain(".lanes")
        .contains("ledger/L-1/");
  }
}
