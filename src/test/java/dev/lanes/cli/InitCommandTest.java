package dev.lanes.cli;

import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes init} against real repositories. */
@ExtendWith(RepoChecks.class)
class InitCommandTest {
  @TempDir Path tmp;

  @Test
  void writesAValidStartThenChangesNothing() {
    TestRepo repo = TestRepo.init(tmp);
    repo.write("pom.xml", "<project/>\n")
        .write("src/main/java/A.java", "class A {}\n")
        .commit("base");

    TestRepo.Run first = repo.lanes("init");
    assertThat(first).succeeded();
    assertThat(first.out()).contains("created AGENTS.md").contains("created PLAN.md");
    assertThat(repo.read("AGENTS.md")).contains("## Gates", "mvn", "| claude |", "| codex |");

    TestRepo.Run validate = repo.lanes("validate");
    assertThat(validate).succeeded();
    assertThat(repo.lanes("waves").exitCode()).isZero();
    assertThat(repo.lanes("dispatch", "--dry-run").exitCode()).isZero();

    Map<String, String> before = repo.snapshot();
    TestRepo.Run second = repo.lanes("init");
    assertThat(second).succeeded();
    assertThat(second.out()).contains("Nothing to do");
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void neverOverwritesTheUsersFiles() {
    TestRepo repo = TestRepo.init(tmp);
    repo.write("AGENTS.md", "my own rules\r\n").commit("base");
    TestRepo.Run run = repo.lanes("init");
    assertThat(run).succeeded();
    assertThat(repo.read("AGENTS.md")).isEqualTo("my own rules\r\n");
    assertThat(run.out()).contains("created PLAN.md").contains("kept as they are: AGENTS.md");
  }

  @Test
  void outsideAGitRepositoryIsBadUsage() {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        dev.lanes.Main.run(
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(err),
            "init",
            "--repo",
            tmp.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("not inside a git repository");
  }
}
