package dev.lanes.integrate;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lanes that do not land: a red target, a failing patch gate, a conflict, a wave breaker. */
@ExtendWith(RepoChecks.class)
class IntegrateDropTest {
  @TempDir Path tmp;

  @Test
  void aRedTargetStopsTheQueueWithNobodyBlamed() {
    Scenario s = Scenario.oneLaneHandedOff(tmp, "echo first > src/one.txt\n");
    s.personCommits("oops", "src/bad.txt", "BROKEN\n");
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(1);
    assertThat(run.err())
        .contains("main is red before any lane lands")
        .contains("patch gate 1 (no broken) failed with exit 1")
        .contains("no lane was reopened");
    assertThat(s.tip()).isEqualTo(before);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.plan().locks()).as("the lane keeps its lock").hasSize(1);
    assertThat(s.entries("L-1", "integration")).isEmpty();
    assertThat(s.entries("L-1", "failure")).isEmpty();
  }

  @Test
  void aLaneFailingAPatchGateIsReopenedWithTheEvidenceAndTheOthersLand() {
    Scenario s =
        Scenario.create(
                tmp,
                lane("L-1", "src/one.txt", "")
                    + lane("L-2", "src/two.txt", "")
                    + lane("L-3", "src/three.txt", ""))
            .agent("L-1", "echo first > src/one.txt\n")
            .agent("L-2", "echo 'this is BROKEN' > src/two.txt\n")
            .agent("L-3", "echo third > src/three.txt\n")
            .commitBase();
    s.dispatch();
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(1);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.status("L-2")).isEqualTo(BoardStatus.REOPENED);
    assertThat(s.status("L-3")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.plan().locks()).as("every lock released").isEmpty();
    assertThat(s.entries("L-2", "failure"))
        .singleElement()
        .asString()
        .contains("- Kind: gate")
        .contains("patch gate 1 (no broken) failed with exit 1")
        .contains(Scenario.PATCH_GATE);
    assertThat(s.entries("L-2", "integration"))
        .singleElement()
        .asString()
        .contains("- Result: dropped")
        .contains("- Commit: none");
    assertThat(s.commitsSince(before)).hasSize(2);
    assertThat(s.repo.git("ls-tree", "-r", "--name-only", "main")).doesNotContain("src/two.txt");
    s.assertEveryCommitPassesItsGates(before);

    // lanes dispatch picks the reopened lane up again, as attempt 2.
    TestRepo.Run next = s.repo.lanes("dispatch", "--dry-run");
    assertThat(next.out()).contains("L-2 (wave 1, attempt 2");
  }

  @Test
  void aTrueConflictIsReopenedNamingTheFileWhileAnOlderBasePatchStillLands3Way() {
    String six = "a1\na2\na3\na4\na5\na6\n";
    Scenario s =
        Scenario.create(tmp, lane("L-1", "src/a.txt", "") + lane("L-2", "src/b.txt", ""))
            .agent("L-1", "sed -i 's/^a3$/lane-a3/' src/a.txt\n")
            .agent("L-2", "sed -i 's/^b5$/lane-b5/' src/b.txt\n");
    s.repo.write("src/a.txt", six);
    s.repo.write("src/b.txt", "b1\nb2\nb3\nb4\nb5\nb6\nb7\nb8\n");
    s.commitBase();
    s.dispatch();
    // After the dispatch the person edits the same line of a.txt, and b.txt inside the context
    // of the lane's hunk (so a plain `git apply` would refuse it).
    s.personCommits(
        "person's edits",
        "src/a.txt",
        six.replace("a3", "person-a3"),
        "src/b.txt",
        "b1\nb2\nperson-b3\nb4\nb5\nb6\nb7\nb8\n");
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(1);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.REOPENED);
    assertThat(s.entries("L-1", "failure"))
        .singleElement()
        .asString()
        .contains("- Kind: conflict")
        .contains("conflict in src/a.txt");
    assertThat(s.status("L-2")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.repo.git("show", "main:src/b.txt"))
        .isEqualTo("b1\nb2\nperson-b3\nb4\nlane-b5\nb6\nb7\nb8\n");
    assertThat(s.repo.git("show", "main:src/a.txt")).contains("person-a3").doesNotContain("lane");
    s.assertEveryCommitPassesItsGates(before);
  }

  @Test
  void twoLanesThatPassAloneButFailTogetherReopenOnlyTheLaterOne() {
    Scenario s =
        Scenario.create(
                tmp,
                lane("L-1", "src/x.txt", "")
                    + lane("L-2", "src/z.txt", "")
                    + lane("L-3", "src/y.txt", "")
                    + lane("L-4", "src/w.txt", ""))
            .agent("L-1", "echo x > src/x.txt\n")
            .agent("L-2", "echo z > src/z.txt\n")
            .agent("L-3", "echo y > src/y.txt\n")
            .agent("L-4", "echo w > src/w.txt\n")
            .commitBase();
    s.dispatch();
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(1);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.status("L-2")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.status("L-3")).isEqualTo(BoardStatus.REOPENED);
    assertThat(s.status("L-4")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.entries("L-3", "failure"))
        .singleElement()
        .asString()
        .contains("- Kind: gate")
        .contains("wave gate 2 (not x and y) failed with exit 1")
        .contains("bisection found that this lane's patch breaks it on top of L-1, L-2");
    assertThat(s.commitsSince(before)).hasSize(3);
    assertThat(s.repo.git("ls-tree", "-r", "--name-only", "main"))
        .contains("src/x.txt", "src/z.txt", "src/w.txt")
        .doesNotContain("src/y.txt");
    s.assertEveryCommitPassesItsGates(before);
  }
}
