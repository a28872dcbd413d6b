package dev.lanes.integrate;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A target that moves under the integrator, and a gate that fails once. */
@ExtendWith(RepoChecks.class)
class IntegrateRetryTest {
  @TempDir Path tmp;

  @Test
  void whenTheTargetMovesMeanwhileStagingIsRebuiltOnItsNewTip() {
    Path root = tmp.resolve("repo");
    Path flag = tmp.resolve("committed-once");
    // While L-1's patch gates run, the person commits on main (once).
    String intruder =
        "[ {lane} != L-1 ] || [ -e "
            + flag
            + " ] || { touch "
            + flag
            + " && git -C "
            + root
            + " -c user.name=P -c user.email=p@x commit -q --allow-empty -m meanwhile; }";
    Scenario s =
        Scenario.create(
                tmp,
                lane("L-1", "src/one.txt", ""),
                "",
                "| 3 | someone commits | `" + intruder + "` | patch | 5m |\n")
            .agent("L-1", "echo first > src/one.txt\n")
            .commitBase();
    s.dispatch();
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).succeeded();
    assertThat(run.out()).contains("main moved while lanes integrated; rebuilding staging");
    List<String> commits = s.commitsSince(before);
    assertThat(commits).hasSize(2);
    assertThat(s.message(commits.get(0))).startsWith("meanwhile");
    s.repo.personMade(commits.get(0));
    assertThat(s.message(commits.get(1))).contains("Lane: L-1");
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.entries("L-1", "integration")).hasSize(1);
  }

  @Test
  void aGateFailingOnceAndPassingOnItsRetryIsRecordedAsFlakyNotBlamed() {
    Path flag = tmp.resolve("failed-once");
    String flaky = "[ -e " + flag + " ] || { touch " + flag + "; exit 1; }";
    Scenario s =
        Scenario.create(
                tmp,
                lane("L-1", "src/one.txt", ""),
                "- retries: 1\n",
                "| 3 | flaky | `" + flaky + "` | wave | 5m |\n")
            .agent("L-1", "echo first > src/one.txt\n")
            .commitBase();
    s.dispatch();
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).succeeded();
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.entries("L-1", "failure")).isEmpty();
    assertThat(s.entries("L-1", "integration"))
        .singleElement()
        .asString()
        .contains("wave gate 3 (flaky) failed with exit 1, then passed on retry 1")
        .contains("flaky, not blamed");
    s.assertEveryCommitPassesItsGates(before);
  }
}
