package dev.lanes.cli;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.Fixtures.plan;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testing.Fixtures;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes dispatch --dry-run} against real repositories. */
@ExtendWith(RepoChecks.class)
class DispatchCommandTest {
  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp).withTwoSourceFolders().write("AGENTS.md", Fixtures.AGENTS);
  }

  private TestRepo.Run dispatch(String... args) {
    repo.commit("base");
    Map<String, String> before = repo.snapshot();
    TestRepo.Run run = repo.lanes(args);
    assertThat(repo.snapshot()).as("a dry run writes nothing").isEqualTo(before);
    assertThat(repo.git("worktree", "list")).as("no worktree made").hasLineCount(1);
    return run;
  }

  @Test
  void showsTheNextWaveWithWorktreeBranchCommandAndScope() throws Exception {
    repo.write(
        "PLAN.md",
        plan(
            lane("L-1", "src/**", "- out-of-scope: src/b/**\n- agent: script\n")
                + lane("L-2", "src/a/**", "")
                + lane("L-3", "src/b/**", "- agent: claude\n")));
    TestRepo.Run run = dispatch("dispatch", "--dry-run");
    assertThat(run).succeeded();
    Path root = repo.root().toRealPath(java.nio.file.LinkOption.NOFOLLOW_LINKS);
    assertThat(run.out())
        .contains("Would dispatch wave 1 from the tip of main")
        .contains("L-1 (wave 1, attempt 1, agent script)")
        .contains("worktree: " + root.resolve(".lanes/worktrees/L-1"))
        .contains("branch:   lanes/L-1")
        .contains("scope:    src/** minus src/b/**")
        .contains("command:  sh ./agent.sh L-1 " + root.resolve(".lanes/run/L-1/prompt.md"))
        .contains("L-3 (wave 1, attempt 1, agent claude)")
        .contains(
            "claude -p --permission-mode acceptEdits \"$(cat "
                + root.resolve(".lanes/run/L-3/prompt.md"))
        .doesNotContain("L-2 (");
  }

  @Test
  void namedLanesAndAgentOverride() {
    repo.write("PLAN.md", plan(lane("L-1", "src/a/**", "") + lane("L-2", "src/b/**", "")));
    TestRepo.Run run =
        dispatch("dispatch", "L-2", "--agent", "claude", "--dry-run", "--timeout", "45m");
    assertThat(run).succeeded();
    assertThat(run.out())
        .contains("L-2 (wave 1, attempt 1, agent claude)")
        .contains("45m")
        .doesNotContain("L-1 (");
  }

  @Test
  void thePolicysTimeoutAppliesWhenNoneIsGiven() {
    repo.write(
        "AGENTS.md",
        Fixtures.AGENTS.replace(
            "Run the tests of what you touch.",
            "Run the tests of what you touch.\n- timeout: 20m"));
    repo.write("PLAN.md", plan(lane("L-1", "src/a/**", "")));
    TestRepo.Run run = dispatch("dispatch", "--dry-run");
    assertThat(run).succeeded();
    assertThat(run.out()).contains("each ended after 20m");
    TestRepo.Run given = repo.lanes("dispatch", "--dry-run", "--timeout", "5m");
    assertThat(given.out()).contains("each ended after 5m").doesNotContain("20m");
  }

  @Test
  void anUnknownLaneIsBadUsage() {
    repo.write("PLAN.md", plan(lane("L-1", "src/a/**", "")));
    TestRepo.Run run = dispatch("dispatch", "L-7", "--dry-run");
    assertThat(run).exitedWith(2);
    assertThat(run.err()).contains("L-7");
  }

  @Test
  void refusesWithExit4NamingEachMissingHeading() {
    repo.write("AGENTS.md", Fixtures.agentsWithout("Gates", "Workers"));
    repo.write("PLAN.md", plan(lane("L-1", "src/a/**", "")));
    TestRepo.Run run = dispatch("dispatch", "--dry-run");
    assertThat(run).exitedWith(4);
    assertThat(run.err()).contains("Gates").contains("Workers");
  }

  @Test
  void refusesWithExit2OnBadInput() {
    repo.write("PLAN.md", plan(lane("L-1", "src/a/**", "- depends-on: L-0\n")));
    TestRepo.Run run = dispatch("dispatch", "--dry-run");
    assertThat(run).exitedWith(2);
    assertThat(run.err()).contains("PLAN.md:").contains("L-0");
  }

  @Test
  void aLaneWaitingOnItsDependencyIsNamed() {
    String board =
        "| L-1 | integrated | 1 | 1 | | 2026-11-22T14:10Z | |\n| L-2 | handed-off | 1 | 1 | | 2026-11-22T14:10Z | |\n";
    repo.write(
        "PLAN.md",
        plan(
                lane("L-1", "src/a/**", "")
                    + lane("L-2", "src/b/**", "")
                    + lane("L-3", "src/a/**", "- depends-on: L-1\n")
                    + lane("L-4", "src/b/**", "- depends-on: L-2\n"))
            + board);
    TestRepo.Run run = dispatch("dispatch", "--dry-run");
    assertThat(run).succeeded();
    assertThat(run.out())
        .contains("Would dispatch wave 2")
        .contains("L-3 (wave 2, attempt 1")
        .contains("waiting: L-4 waits for L-2 (handed-off) to be integrated");
  }
}
