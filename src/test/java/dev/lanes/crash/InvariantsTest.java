package dev.lanes.crash;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks RandomKillIT relies on catch what they are meant to: a changed byte of the person's
 * PLAN.md but not a changed table row, a lane landed twice, a commit on the target that is no
 * lane's or that fails its gates, a cut ledger entry, a checkout left behind, .lanes/ shown to git.
 */
class InvariantsTest {
  @TempDir Path tmp;
  private TestRepo repo;
  private Invariants invariants;

  @BeforeEach
  void aManagedRepository() throws Exception {
    repo = TestRepo.init(tmp);
    Files.writeString(tmp.resolve("agent.sh"), "true\n");
    repo.write("AGENTS.md", StoryRepo.agents(tmp.resolve("agent.sh")))
        .write("PLAN.md", StoryRepo.plan())
        .write("src/base.txt", "base\n")
        .commit("base");
    invariants =
        Invariants.before(
            repo.root(), "main", tmp.resolve("home"), Files.createDirectories(tmp.resolve("g")));
  }

  @Test
  void aBoardRowIsLanesToWriteButAByteOfThePersonsIsNot() {
    String plan = repo.read("PLAN.md");
    repo.write(
        "PLAN.md",
        plan.replace(
            "|---|---|---|---|---|---|---|\n\n## Notes",
            "|---|---|---|---|---|---|---|\n| L-1 | running | 1 | 1 | | | |\n\n## Notes"));
    assertThatCode(invariants::planParsesAndKeepsEveryByteOutsideItsTables)
        .doesNotThrowAnyException();

    repo.write("PLAN.md", plan.replace("A tab, too.", "A tab too."));
    assertThatThrownBy(invariants::planParsesAndKeepsEveryByteOutsideItsTables)
        .hasMessageContaining("outside the Locks and Board tables changed");

    repo.write(
        "PLAN.md",
        plan.replace(
            "|---|---|---|---|---|---|---|\n\n## Notes",
            "|---|---|---|---|---|---|---|\n| L-1 | flying | 1 | 1 | | | |\n\n## Notes"));
    assertThatThrownBy(invariants::planParsesAndKeepsEveryByteOutsideItsTables)
        .hasMessageContaining("does not parse");
  }

  @Test
  void aLaneLandedTwiceIsCaught() {
    landing("L-1", "src/one.txt", "one\n");
    assertThatCode(invariants::noLaneLandedTwice).doesNotThrowAnyException();
    assertThatCode(invariants::everyCommitTheTargetMovedThroughPassesItsGates)
        .doesNotThrowAnyException();

    landing("L-1", "src/one-again.txt", "one\n");
    assertThatThrownBy(invariants::noLaneLandedTwice).hasMessageContaining("L-1 landed 2 times");
    assertThatThrownBy(() -> invariants.everyLaneLandedExactlyOnce(List.of("L-1")))
        .hasMessageContaining("{L-1=2}");
  }

  @Test
  void aCommitThatFailsItsGatesOrIsNoLanesIsCaught() {
    landing("L-2", "src/two.txt", "two, BROKEN\n");
    assertThatThrownBy(invariants::everyCommitTheTargetMovedThroughPassesItsGates)
        .hasMessageContaining("fails its patch gates")
        .hasMessageContaining("(lane L-2)");
  }

  @Test
  void aTipThatFailsTheWaveGateIsCaught() {
    landing("L-4", "src/four.txt", "four, no newline");
    assertThatThrownBy(invariants::everyCommitTheTargetMovedThroughPassesItsGates)
        .hasMessageContaining("fails its wave gates");
  }

  @Test
  void aPersonsCommitOnTheTargetIsNoLanesCommit() {
    repo.write("src/person.txt", "mine\n").commit("the person's own");
    assertThatThrownBy(invariants::everyCommitTheTargetMovedThroughPassesItsGates)
        .hasMessageContaining("no Lane trailer");
  }

  @Test
  void aCutLedgerEntryAndACheckoutLeftBehindAreCaught() throws Exception {
    Path lane = Files.createDirectories(repo.root().resolve("ledger/L-1"));
    Files.writeString(lane.resolve("001-dispatch.md"), "# Dispatch: L-1 attempt 1\n\nwhole\n");
    assertThatCode(invariants::ledgerIsWholeAndInOrder).doesNotThrowAnyException();
    Files.writeString(lane.resolve("002-handoff.md"), "# Handoff: L-1 attempt 1\n\ncut sh");
    assertThatThrownBy(invariants::ledgerIsWholeAndInOrder)
        .hasMessageContaining("002-handoff.md is not a whole entry");
    Files.writeString(lane.resolve("002-handoff.md"), "# Handoff: L-1 attempt 1\n\nwhole\n");
    Files.writeString(lane.resolve("004-failure.md"), "# Failure: L-1 attempt 1\n\nwhole\n");
    assertThatThrownBy(invariants::ledgerIsWholeAndInOrder)
        .hasMessageContaining("004-failure.md where entry 3 should be");

    assertThatCode(invariants::checkoutFollowsTheTarget).doesNotThrowAnyException();
    repo.write("src/base.txt", "changed under the person\n");
    assertThatThrownBy(invariants::checkoutFollowsTheTarget).hasMessageContaining("src/base.txt");
  }

  @Test
  void lanesStateShownByGitStatusIsCaught() throws Exception {
    Files.createDirectories(repo.root().resolve(".lanes/state"));
    Files.writeString(repo.root().resolve(".lanes/state/writer.lock"), "");
    assertThatThrownBy(invariants::lanesStateStaysOutOfGitStatus)
        .hasMessageContaining("?? .lanes/state/writer.lock");
    Files.writeString(repo.root().resolve(".git/info/exclude"), ".lanes/\n");
    assertThatCode(invariants::lanesStateStaysOutOfGitStatus).doesNotThrowAnyException();
  }

  /** A commit as the integrator makes it: one lane's file, with the four trailers. */
  private void landing(String lane, String file, String text) {
    repo.write(file, text);
    repo.git("add", "--", file);
    repo.git(
        "commit",
        "-q",
        "-m",
        "work on " + lane + "\n\nLane: " + lane + "\nAttempt: 1\nAgent: script\nGates: 1 pass");
  }
}
