package dev.lanes.cli;

import static dev.lanes.cli.ValidateCommandTest.json;
import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.Fixtures.plan;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.testing.Fixtures;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes waves} against real repositories. */
@ExtendWith(RepoChecks.class)
class WavesCommandTest {
  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp);
    repo.write("src/a/A.java", "class A {}\n")
        .write("src/b/B.java", "class B {}\n")
        .write("src/shared/S.java", "class S {}\n")
        .write("docs/guide.md", "# guide\n")
        .write("pom.xml", "<project/>\n");
    repo.write("AGENTS.md", Fixtures.AGENTS);
  }

  private JsonNode waves(String planText) {
    repo.write("PLAN.md", planText).commit("plan");
    Map<String, String> before = repo.snapshot();
    TestRepo.Run run = repo.lanes("waves", "--json");
    assertThat(run).succeeded();
    assertThat(repo.snapshot()).as("waves writes nothing").isEqualTo(before);
    return json(run.out());
  }

  private static List<List<String>> waveIds(JsonNode json) {
    List<List<String>> waves = new ArrayList<>();
    for (JsonNode wave : json.get("waves")) {
      List<String> ids = new ArrayList<>();
      wave.forEach(id -> ids.add(id.asText()));
      waves.add(ids);
    }
    return waves;
  }

  @Test
  void disjointLanesShareTheFirstWave() {
    JsonNode json = waves(plan(lane("L-1", "src/a/**", "") + lane("L-2", "src/b/**", "")));
    assertThat(waveIds(json)).containsExactly(List.of("L-1", "L-2"));
    JsonNode first = json.get("lanes").get(0);
    assertThat(first.get("id").asText()).isEqualTo("L-1");
    assertThat(first.get("scope").get(0).asText()).isEqualTo("src/a/**");
    assertThat(first.get("wave").asInt()).isEqualTo(1);
    assertThat(first.get("dependsOn")).isEmpty();
    assertThat(first.get("conflictsWith")).isEmpty();
    assertThat(json.get("hotspots")).isEmpty();
  }

  @Test
  void lanesSharingATrackedFileGoToDifferentWaves() {
    JsonNode json =
        waves(
            plan(
                lane("L-1", "src/**/*.java", "")
                    + lane("L-2", "src/shared/**", "")
                    + lane("L-3", "docs/**", "")));
    assertThat(waveIds(json)).containsExactly(List.of("L-1", "L-3"), List.of("L-2"));
    assertThat(json.get("lanes").get(0).get("conflictsWith").get(0).asText()).isEqualTo("L-2");
  }

  @Test
  void lanesThatCouldCreateTheSameNewFileConflict() {
    // No tracked file matches both; `src/new/x.txt` would.
    JsonNode json = waves(plan(lane("L-1", "src/new/**", "") + lane("L-2", "src/*/x.txt", "")));
    assertThat(waveIds(json)).hasSize(2);
    assertThat(json.get("lanes").get(0).get("conflicts").get(0).get("reason").asText())
        .contains("could create");
  }

  @Test
  void outOfScopeRemovesTheOverlap() {
    JsonNode json =
        waves(
            plan(
                lane("L-1", "src/**", "- out-of-scope: `src/shared/**`\n")
                    + lane("L-2", "src/shared/**", "")));
    assertThat(waveIds(json)).containsExactly(List.of("L-1", "L-2"));
  }

  @Test
  void aLaneComesAfterWhatItDependsOn() {
    JsonNode json =
        waves(
            plan(
                lane("L-1", "src/b/**", "- depends-on: L-2\n")
                    + lane("L-2", "src/a/**", "")
                    + lane("L-3", "docs/**", "")));
    assertThat(waveIds(json)).containsExactly(List.of("L-2", "L-3"), List.of("L-1"));
    assertThat(json.get("lanes").get(0).get("dependsOn").get(0).asText()).isEqualTo("L-2");
  }

  @Test
  void lanesTouchingAHotspotGoOnePerWave() {
    repo.write(
        "AGENTS.md", Fixtures.AGENTS.replace("- ttl: 30m", "- ttl: 30m\n- hotspots: `pom.xml`"));
    JsonNode json =
        waves(
            plan(
                lane("L-1", "src/a/**, pom.xml", "")
                    + lane("L-2", "src/b/**, `pom.xml`", "")
                    + lane("L-3", "docs/**", "")));
    assertThat(waveIds(json)).containsExactly(List.of("L-1", "L-3"), List.of("L-2"));
    assertThat(json.get("hotspots").get(0).asText()).isEqualTo("pom.xml");
    assertThat(json.get("lanes").get(0).get("hotspot").asBoolean()).isTrue();
  }

  @Test
  void theTableNamesScopesWavesAndConflicts() {
    repo.write(
            "PLAN.md",
            plan(lane("L-1", "src/**", "- out-of-scope: src/b/**\n") + lane("L-2", "src/a/**", "")))
        .commit("plan");
    TestRepo.Run run = repo.lanes("waves");
    assertThat(run).succeeded();
    assertThat(run.out())
        .contains("lane", "wave", "effective scope", "conflicts", "hotspot")
        .contains("src/** minus src/b/**")
        .contains("L-2 (1 shared file, e.g. src/a/A.java)")
        .contains("wave 1: L-1")
        .contains("wave 2: L-2")
        .contains("2 waves for 2 lanes (the fewest possible)");
  }

  @Test
  void badInputIsExit2AndNamesTheLine() {
    repo.write("PLAN.md", plan(lane("L-1", "src/a/**", "- depends-on: L-1\n"))).commit("plan");
    TestRepo.Run run = repo.lanes("waves");
    assertThat(run).exitedWith(2);
    assertThat(run.err()).startsWith("PLAN.md:");
  }
}
