package dev.lanes.cli;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.Fixtures.plan;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.testing.Fixtures;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes validate} against real repositories, good and bad input. */
@ExtendWith(RepoChecks.class)
class ValidateCommandTest {
  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp).withTwoSourceFolders().write("AGENTS.md", Fixtures.AGENTS);
  }

  private TestRepo.Run validateUnchanged(String... args) {
    repo.commit("base");
    Map<String, String> before = repo.snapshot();
    TestRepo.Run run = repo.lanes(args);
    assertThat(repo.snapshot()).as("validate writes nothing").isEqualTo(before);
    return run;
  }

  @Test
  void aValidRepositoryPasses() {
    repo.write(
        "PLAN.md",
        plan(lane("L-1", "`src/a/**`", "") + lane("L-2", "src/b/**", "- depends-on: L-1\n")));
    TestRepo.Run run = validateUnchanged("validate");
    assertThat(run).succeeded();
    assertThat(run.out()).contains("valid: 2 lanes, 2 gates, 2 agents");
  }

  @Test
  void duplicateIdPointsAtTheSecondHeading() {
    String text = plan(lane("L-1", "src/a/**", "") + lane("L-1", "src/b/**", ""));
    repo.write("PLAN.md", text);
    TestRepo.Run run = validateUnchanged("validate");
    assertThat(run).exitedWith(2);
    int second = lineOf(text, "### L-1", 2);
    assertThat(run.err()).contains("PLAN.md:" + second + ":");
    assertThat(run.err())
        .contains("lane L-1 is defined twice (first at line " + lineOf(text, "### L-1", 1) + ")");
  }

  @Test
  void missingScopeIsReportedAtTheLane() {
    String text = plan("### L-1: no scope here\n- agent: script\n\n" + lane("L-2", "src/b/**", ""));
    repo.write("PLAN.md", text);
    TestRepo.Run run = validateUnchanged("validate");
    assertThat(run).exitedWith(2);
    assertThat(run.err()).contains("PLAN.md:" + lineOf(text, "### L-1", 1) + ":").contains("scope");
  }

  @Test
  void unknownAndCyclicDependenciesAreAllReported() {
    String text =
        plan(
            lane("L-1", "src/a/**", "- depends-on: L-2\n")
                + lane("L-2", "src/b/**", "- depends-on: L-1\n")
                + lane("L-3", "docs/**", "- depends-on: L-9\n"));
    repo.write("PLAN.md", text);
    TestRepo.Run run = validateUnchanged("validate");
    assertThat(run).exitedWith(2);
    assertThat(run.err()).contains("L-9").containsIgnoringCase("cycle");
    assertThat(run.err()).contains("PLAN.md:" + lineOf(text, "- depends-on: L-9", 1) + ":");
  }

  @Test
  void globsLeavingTheRepositoryAreErrors() {
    String text = plan(lane("L-1", "`../other/**`", "") + lane("L-2", "/etc/passwd", ""));
    repo.write("PLAN.md", text);
    TestRepo.Run run = validateUnchanged("validate", "--json");
    assertThat(run).exitedWith(2);
    JsonNode json = json(run.out());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("problems")).hasSize(2);
    assertThat(json.get("problems").get(0).get("file").asText()).isEqualTo("PLAN.md");
    assertThat(json.get("problems").get(0).get("line").asInt())
        .isEqualTo(lineOf(text, "../other", 1));
  }

  @Test
  void aMalformedBoardRowIsAnError() {
    String text = plan(lane("L-1", "src/a/**", "")) + "| L-1 | sleeping | 1 | 0 | | | |\n";
    repo.write("PLAN.md", text);
    TestRepo.Run run = validateUnchanged("validate");
    assertThat(run).exitedWith(2);
    assertThat(run.err()).contains("PLAN.md:" + lineOf(text, "| L-1 | sleeping", 1) + ":");
  }

  @Test
  void aMissingHeadingFailsTheBootstrapCheckWithExit4() {
    repo.write("AGENTS.md", Fixtures.agentsWithout("Approvals"));
    repo.write("PLAN.md", plan(lane("L-1", "src/a/**", "")));
    TestRepo.Run run = validateUnchanged("validate");
    assertThat(run).exitedWith(4);
    assertThat(run.err()).contains("AGENTS.md:1:1:").contains("Approvals");
  }

  @Test
  void aLaneNamingAnUnknownAgentIsAnError() {
    String text = plan(lane("L-1", "src/a/**", "- agent: robot\n"));
    repo.write("PLAN.md", text);
    TestRepo.Run run = validateUnchanged("validate");
    assertThat(run).exitedWith(2);
    assertThat(run.err())
        .contains("PLAN.md:" + lineOf(text, "- agent: robot", 1) + ":")
        .contains("robot");
  }

  static int lineOf(String text, String needle, int occurrence) {
    String[] lines = text.split("\n", -1);
    int seen = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle) && ++seen == occurrence) {
        return i + 1;
      }
    }
    throw new AssertionError("no line " + needle);
  }

  static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(text, e);
    }
  }
}
