package dev.lanes.cli;

import static dev.lanes.testing.Fixtures.lane;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testing.Fixtures;
import dev.lanes.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command reads the repository it names on a background thread while picocli starts; it gets
 * exactly what it would have read itself, once, and only for the folder it asks about.
 */
class RepoPreloadTest {
  @TempDir Path tmp;

  private TestRepo repo() {
    TestRepo repo = TestRepo.init(tmp).withTwoSourceFolders();
    repo.write("AGENTS.md", Fixtures.AGENTS);
    repo.write("PLAN.md", Fixtures.plan(lane("L-1", "src/a/**", "") + lane("L-2", "src/b/**", "")));
    return repo.commit("base");
  }

  @Test
  void theCommandGetsWhatItWouldHaveReadItselfOnce() {
    TestRepo repo = repo();
    RepoPreload.start(List.of("waves", "--repo", repo.root().toString()));

    RepoCommand.Loaded preloaded = RepoPreload.take(repo.root()).orElseThrow();

    assertThat(preloaded).isEqualTo(RepoPreload.load(repo.root()));
    assertThat(preloaded.trackedFiles()).contains("src/a/A.java", "PLAN.md");
    assertThat(preloaded.workspace().plan().orElseThrow().lanes()).hasSize(2);
    assertThat(RepoPreload.take(repo.root())).as("taken once").isEmpty();
  }

  @Test
  void anotherFolderOrACommandThatReadsNoRepositoryGetsNothing() {
    TestRepo repo = repo();
    RepoPreload.start(List.of("status", "--repo=" + repo.root()));
    assertThat(RepoPreload.take(tmp)).isEmpty();

    RepoPreload.start(List.of("init", "--repo", repo.root().toString()));
    assertThat(RepoPreload.take(repo.root())).isEmpty();
  }

  @Test
  void aFolderThatIsNoRepositoryGetsNothingAndTheCommandReportsItItself() {
    RepoPreload.start(List.of("validate", "--repo", tmp.toString()));
    assertThat(RepoPreload.take(tmp)).isEmpty();
  }
}
