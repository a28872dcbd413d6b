package dev.lanes.integrate;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The person's checkout and the one-integrator rule. */
@ExtendWith(RepoChecks.class)
class IntegrateCheckoutTest {
  @TempDir Path tmp;

  private Scenario oneLane(String script) {
    Scenario s =
        Scenario.create(tmp, lane("L-1", "src/base.txt, src/one.txt", "")).agent("L-1", script);
    s.repo.write("src/notes.txt", "the person's notes\n");
    return s.commitBase();
  }

  @Test
  void uncommittedAndUntrackedFilesStayAsTheyAreWhileTheCheckoutAdvances() {
    Scenario s = oneLane("echo first > src/one.txt\n");
    s.dispatch();
    s.repo.write("src/notes.txt", "the person's notes, edited and not committed\n");
    s.repo.write("scratch.txt", "untracked\n");
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).succeeded();
    assertThat(s.repo.git("rev-parse", "HEAD").strip()).isNotEqualTo(before).isEqualTo(s.tip());
    assertThat(s.repo.read("src/one.txt")).isEqualTo("first\n");
    assertThat(s.repo.read("src/notes.txt"))
        .isEqualTo("the person's notes, edited and not committed\n");
    assertThat(s.repo.read("scratch.txt")).isEqualTo("untracked\n");
    assertThat(s.repo.git("status", "--porcelain", "--", "src", "scratch.txt"))
        .isEqualTo(" M src/notes.txt\n?? scratch.txt\n");
    s.assertEveryCommitPassesItsGates(before);
  }

  @Test
  void landedWorkTouchingADirtyFileLeavesTheBranchAndTheFilesAndSaysWhatToDo() {
    Scenario s = oneLane("sed -i 's/^four$/FOUR/' src/base.txt\n");
    s.dispatch();
    String mine = "the person's own base.txt\n";
    s.repo.write("src/base.txt", mine);
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(1);
    assertThat(run.err())
        .contains("lanes did not move main")
        .contains("src/base.txt")
        .contains("Commit or stash those files, then run `lanes integrate` again")
        .contains("lanes/integration");
    assertThat(s.tip()).isEqualTo(before);
    assertThat(s.repo.git("rev-parse", "HEAD").strip()).isEqualTo(before);
    assertThat(s.repo.read("src/base.txt")).isEqualTo(mine);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.repo.git("log", "-1", "--format=%B", "lanes/integration")).contains("Lane: L-1");

    // Stashing the file and running again lands the lane.
    s.repo.git("stash", "push", "-q", "--", "src/base.txt");
    TestRepo.Run again = s.integrate();
    assertThat(again).succeeded();
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.repo.read("src/base.txt")).contains("FOUR");
    s.assertEveryCommitPassesItsGates(before);
  }

  @Test
  void aSecondIntegrateIsRefusedWithExit3NamingTheHolder() throws Exception {
    Scenario s = oneLane("echo first > src/one.txt\n");
    s.dispatch();
    String before = s.tip();
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldIntegratorLock.class.getName(),
                s.repo.root().toString(),
                "60")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).as("the holder says it has the lock").isEqualTo("locked");

      TestRepo.Run run = s.integrate();

      assertThat(run).exitedWith(3);
      assertThat(run.err())
          .contains("another `lanes integrate` is running")
          .contains("pid " + holder.pid() + ", started ");
      assertThat(s.tip()).isEqualTo(before);
      assertThat(s.status("L-1")).isEqualTo(BoardStatus.HANDED_OFF);
    } finally {
      holder.destroyForcibly();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
    // The lock died with its process: the next integrate runs.
    assertThat(s.integrate()).succeeded();
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
  }
}
