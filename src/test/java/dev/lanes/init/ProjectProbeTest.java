package dev.lanes.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectProbeTest {

  @TempDir Path repo;

  private void file(String relative, String text) throws IOException {
    Path path = repo.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  private List<String> commands() {
    return ProjectProbe.guessGates(repo).stream().map(GuessedGate::command).toList();
  }

  @Test
  void noBuildFileGivesOnePlaceholderGateOnEveryRung() throws IOException {
    file("README.md", "hello\n");

    assertThat(ProjectProbe.guessGates(repo))
        .containsExactly(
            new GuessedGate("no build found: edit this gate", "true", "lane, patch, wave", "5m"));
    assertThat(ProjectProbe.hotspots(repo)).isEmpty();
  }

  @Test
  void singleModuleMavenWithWrapperTestsPerPatchAndVerifiesPerWave() throws IOException {
    file("pom.xml", "<project/>");
    file("mvnw", "#!/bin/sh\n");

    assertThat(ProjectProbe.guessGates(repo))
        .extracting(GuessedGate::command, GuessedGate::when, GuessedGate::timeout)
        .containsExactly(
            tuple("./mvnw -q test", "lane, patch", "15m"),
            tuple("./mvnw -q verify", "wave", "30m"));
    assertThat(ProjectProbe.hotspots(repo)).containsExactly("pom.xml");
  }

  @Test
  void multiModuleMavenTestsOnlyTheTouchedModules() throws IOException {
    file("pom.xml", "<project/>");
    file("core/pom.xml", "<project/>");

    assertThat(commands()).containsExactly("mvn -q -pl {modules} -am test", "mvn -q verify");
  }

  @Test
  void mavenModulesDeclaredInThePomCountAsMultiModule() throws IOException {
    file("pom.xml", "<project><modules><module>a</module></modules></project>");
    file("mvnw", "");

    assertThat(commands()).containsExactly("./mvnw -q -pl {modules} -am test", "./mvnw -q verify");
  }

  @Test
  void gradleUsesItsWrapperWhenPresent() throws IOException {
    file("build.gradle.kts", "");
    file("gradlew", "");

    assertThat(commands()).containsExactly("./gradlew -q test", "./gradlew -q build");
  }

  @Test
  void gradleWithoutWrapperUsesGradle() throws IOException {
    file("settings.gradle", "");

    assertThat(commands()).containsExactly("gradle -q test", "gradle -q build");
  }

  @Test
  void npmGatesComeFromTheScriptsThatExistAndNeverUseNpmCi() throws IOException {
    file(
        "package.json",
        """
        {"name": "x", "scripts": {"lint": "eslint .", "test": "vitest run", "start": "node ."}}
        """);
    file("package-lock.json", "{}");

    assertThat(ProjectProbe.guessGates(repo))
        .extracting(GuessedGate::command, GuessedGate::when)
        .containsExactly(tuple("npm run lint", "lane, patch"), tuple("npm test", "lane, patch"));
    assertThat(commands()).noneMatch(c -> c.contains("npm ci"));
    assertThat(ProjectProbe.hotspots(repo)).containsExactly("package.json", "package-lock.json");
  }

  @Test
  void npmBuildScriptRunsPerWave() throws IOException {
    file("package.json", "{\"scripts\": {\"build\": \"tsc\", \"typecheck\": \"tsc --noEmit\"}}");

    assertThat(ProjectProbe.guessGates(repo))
        .extracting(GuessedGate::command, GuessedGate::when)
        .containsExactly(tuple("npm run typecheck", "lane, patch"), tuple("npm run build", "wave"));
  }

  @Test
  void theFailingTestScriptOfNpmInitIsNotAGate() throws IOException {
    file(
        "package.json",
        "{\"scripts\": {\"test\": \"echo \\\"Error: no test specified\\\" && exit 1\"}}");

    assertThat(ProjectProbe.guessGates(repo))
        .extracting(GuessedGate::name)
        .containsExactly(ProjectProbe.PLACEHOLDER_NAME);
  }

  @Test
  void brokenPackageJsonGivesNoNpmGatesInsteadOfFailing() throws IOException {
    file("package.json", "{ not json");
    file("go.mod", "module x\n");

    assertThat(commands()).containsExactly("go vet ./...", "go test ./...");
  }

  @Test
  void cargoChecksThenTests() throws IOException {
    file("Cargo.toml", "[package]\n");

    assertThat(ProjectProbe.guessGates(repo))
        .extracting(GuessedGate::command, GuessedGate::when)
        .containsExactly(
            tuple("cargo check --all-targets", "lane, patch"),
            tuple("cargo test", "lane, patch, wave"));
  }

  @Test
  void goVetsThenTests() throws IOException {
    file("go.mod", "module example.com/x\n");
    file("go.sum", "");

    assertThat(commands()).containsExactly("go vet ./...", "go test ./...");
    assertThat(ProjectProbe.hotspots(repo)).containsExactly("go.mod", "go.sum");
  }

  @Test
  void pythonProjectsRunPytest() throws IOException {
    for (String marker : List.of("pyproject.toml", "setup.py", "setup.cfg")) {
      Path dir = Files.createDirectory(repo.resolve(marker.replace('.', '-')));
      Files.writeString(dir.resolve(marker), "");

      assertThat(ProjectProbe.guessGates(dir))
          .extracting(GuessedGate::command)
          .as(marker)
          .containsExactly("python3 -m pytest -q");
    }
  }

  @Test
  void severalToolsGiveGatesForEachCheapestFirstNumberedInOrder() throws IOException {
    file("pom.xml", "<project/>");
    file("package.json", "{\"scripts\": {\"lint\": \"eslint .\", \"build\": \"vite build\"}}");
    file("go.mod", "module x\n");

    // Checks first, then tests, then full builds: the ladder stops at the first failure.
    assertThat(commands())
        .containsExactly(
            "npm run lint",
            "go vet ./...",
            "mvn -q test",
            "go test ./...",
            "mvn -q verify",
            "npm run build");
  }

  @Test
  void monorepoWithoutRootBuildProbesOneLevelDown() throws IOException {
    file("api/go.mod", "module x\n");
    file("web app/package.json", "{\"scripts\": {\"test\": \"jest\"}}");
    file("node_modules/left-pad/package.json", "{\"scripts\": {\"test\": \"tap\"}}");

    assertThat(ProjectProbe.guessGates(repo))
        .extracting(GuessedGate::name, GuessedGate::command)
        .containsExactly(
            tuple("api: go vet", "cd api && go vet ./..."),
            tuple("api: go test", "cd api && go test ./..."),
            tuple("web app: npm test", "cd 'web app' && npm test"));
    assertThat(ProjectProbe.hotspots(repo)).containsExactly("api/go.mod", "web app/package.json");
  }

  @Test
  void everyGateHasAKnownWhenAndAMinuteTimeout() throws IOException {
    file("pom.xml", "<project/>");
    file("Cargo.toml", "");
    file("pyproject.toml", "");
    file("package.json", "{\"scripts\": {\"lint\": \"x\", \"test\": \"y\", \"build\": \"z\"}}");

    assertThat(ProjectProbe.guessGates(repo))
        .allSatisfy(
            g -> {
              assertThat(g.when().split(", "))
                  .isSubsetOf("lane", "patch", "wave")
                  .doesNotHaveDuplicates();
              assertThat(g.timeout()).matches("[1-9][0-9]*m");
              assertThat(g.name()).isNotBlank();
            });
  }
}
