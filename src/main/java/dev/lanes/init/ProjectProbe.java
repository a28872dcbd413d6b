package dev.lanes.init;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.policy.ShellWords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Guesses a project's gate ladder, hotspots and current branch from the files at its root, the way
 * a person skimming the repository would.
 *
 * <p>The root decides: each build tool found there gives its gates. When the root holds no build
 * file at all, the folders one level down are probed instead (a monorepo like {@code web/} plus
 * {@code api/}), and their gates run with {@code cd <folder> && } in front. Gates are ordered cheap
 * checks first, then tests, then full builds, so that the ladder fails fast.
 */
public final class ProjectProbe {

  /** The name of the gate written when no build file is found, so that the file stays valid. */
  public static final String PLACEHOLDER_NAME = "no build found: edit this gate";

  private static final String LANE_PATCH = "lane, patch";
  private static final String WAVE = "wave";
  private static final String EVERYWHERE = "lane, patch, wave";

  // Folders one level down that hold dependencies or build output, never a project of their own.
  private static final Set<String> NOT_PROJECTS =
      Set.of("node_modules", "target", "build", "dist", "out", "vendor", "ledger", "policies");

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProjectProbe() {}

  /** The gates for the build tools found in {@code repoRoot}, or one placeholder gate. */
  public static List<GuessedGate> guessGates(Path repoRoot) {
    List<Staged> staged = new ArrayList<>();
    List<BuildTool> rootTools = detectTools(repoRoot);
    if (!rootTools.isEmpty()) {
      staged.addAll(gatesFor(repoRoot, rootTools, ""));
    } else {
      for (Path sub : subProjects(repoRoot)) {
        String folder = sub.getFileName().toString();
        staged.addAll(gatesFor(sub, detectTools(sub), folder));
      }
    }
    if (staged.isEmpty()) {
      return List.of(new GuessedGate(PLACEHOLDER_NAME, "true", EVERYWHERE, "5m"));
    }
    // A stable sort keeps each tool's own order within one stage.
    return staged.stream()
        .sorted(Comparator.comparingInt(s -> s.stage().ordinal()))
        .map(Staged::gate)
        .toList();
  }

  /** The build tools whose files are in {@code dir} itself, in declaration order. */
  public static List<BuildTool> detectTools(Path dir) {
    return Stream.of(BuildTool.values()).filter(t -> t.buildsFolder(dir)).toList();
  }

  /**
   * The build manifests and lock files that exist in the project (at the root, or one level down
   * when the root has none), as paths relative to {@code repoRoot} with {@code /} separators.
   */
  public static List<String> hotspots(Path repoRoot) {
    List<BuildTool> rootTools = detectTools(repoRoot);
    if (!rootTools.isEmpty()) {
      return existingHotspots(repoRoot, rootTools, "");
    }
    List<String> found = new ArrayList<>();
    for (Path sub : subProjects(repoRoot)) {
      found.addAll(existingHotspots(sub, detectTools(sub), sub.getFileName().toString() + "/"));
    }
    return List.copyOf(found);
  }

  private static List<Path> subProjects(Path repoRoot) {
    try (Stream<Path> children = Files.list(repoRoot)) {
      return children
          .filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !NOT_PROJECTS.contains(p.getFileName().toString()))
          .filter(p -> !detectTools(p).isEmpty())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> existingHotspots(Path dir, List<BuildTool> tools, String prefix) {
    return tools.stream()
        .flatMap(t -> t.hotspotFiles().stream())
        .distinct()
        .filter(f -> Files.isRegularFile(dir.resolve(f)))
        .map(f -> prefix + f)
        .toList();
  }

  private static List<Staged> gatesFor(Path dir, List<BuildTool> tools, String folder) {
    List<Staged> gates = new ArrayList<>();
    for (BuildTool tool : tools) {
      switch (tool) {
        case MAVEN -> maven(dir, gates);
        case GRADLE -> gradle(dir, gates);
        case NPM -> npm(dir, gates);
        case CARGO -> {
          gates.add(
              staged(Stage.CHECK, "cargo check", "cargo check --all-targets", LANE_PATCH, "15m"));
          gates.add(staged(Stage.TEST, "cargo test", "cargo test", EVERYWHERE, "30m"));
        }
        case GO -> {
          gates.add(staged(Stage.CHECK, "go vet", "go vet ./...", LANE_PATCH, "5m"));
          gates.add(staged(Stage.TEST, "go test", "go test ./...", EVERYWHERE, "15m"));
        }
        // python3 rather than python: Debian, Ubuntu and macOS ship no plain `python` by default,
        // and inside a virtualenv both names work.
        case PYTHON ->
            gates.add(staged(Stage.TEST, "pytest", "python3 -m pytest -q", EVERYWHERE, "15m"));
      }
    }
    if (folder.isEmpty()) {
      return gates;
    }
    String cd = "cd " + ShellWords.quote(folder) + " && ";
    return gates.stream()
        .map(
            s ->
                new Staged(
                    s.stage(),
                    new GuessedGate(
                        folder + ": " + s.gate().name(),
                        cd + s.gate().command(),
                        s.gate().when(),
                        s.gate().timeout())))
        .toList();
  }

  private static void maven(Path dir, List<Staged> gates) {
    String mvn = Files.isRegularFile(dir.resolve("mvnw")) ? "./mvnw" : "mvn";
    if (isMultiModuleMaven(dir)) {
      gates.add(
          staged(
              Stage.TEST,
              "maven module tests",
              mvn + " -q -pl {modules} -am test",
              LANE_PATCH,
              "15m"));
    } else {
      gates.add(staged(Stage.TEST, "maven tests", mvn + " -q test", LANE_PATCH, "15m"));
    }
    gates.add(staged(Stage.FULL, "maven full build", mvn + " -q verify", WAVE, "30m"));
  }

  private static boolean isMultiModuleMaven(Path dir) {
    try {
      if (Files.readString(dir.resolve("pom.xml"), StandardCharsets.UTF_8).contains("<modules>")) {
        return true;
      }
    } catch (IOException e) {
      // An unreadable pom is judged by its neighbours below.
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.anyMatch(
          p -> Files.isDirectory(p) && Files.isRegularFile(p.resolve("pom.xml")));
    } catch (IOException e) {
      return false;
    }
  }

  private static void gradle(Path dir, List<Staged> gates) {
    String gradle = Files.isRegularFile(dir.resolve("gradlew")) ? "./gradlew" : "gradle";
    gates.add(staged(Stage.TEST, "gradle tests", gradle + " -q test", LANE_PATCH, "15m"));
    gates.add(staged(Stage.FULL, "gradle full build", gradle + " -q build", WAVE, "30m"));
  }

  private static void npm(Path dir, List<Staged> gates) {
    JsonNode scripts = npmScripts(dir.resolve("package.json"));
    if (hasScript(scripts, "lint")) {
      gates.add(staged(Stage.CHECK, "npm lint", "npm run lint", LANE_PATCH, "5m"));
    }
    if (hasScript(scripts, "typecheck")) {
      gates.add(staged(Stage.CHECK, "npm typecheck", "npm run typecheck", LANE_PATCH, "5m"));
    }
    // `npm init` writes a test script that always fails; a gate on it would fail every lane.
    if (hasScript(scripts, "test") && !scripts.get("test").asText().contains("no test specified")) {
      gates.add(staged(Stage.TEST, "npm test", "npm test", LANE_PATCH, "15m"));
    }
    if (hasScript(scripts, "build")) {
      gates.add(staged(Stage.FULL, "npm build", "npm run build", WAVE, "30m"));
    }
  }

  private static JsonNode npmScripts(Path packageJson) {
    try {
      JsonNode scripts = JSON.readTree(packageJson.toFile()).path("scripts");
      return scripts.isObject() ? scripts : JSON.createObjectNode();
    } catch (JacksonException e) {
      // A broken package.json is the person's to fix; init just proposes no npm gates for it.
      return JSON.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasScript(JsonNode scripts, String name) {
    return scripts.path(name).isTextual() && !scripts.path(name).asText().isBlank();
  }

  private static Staged staged(
      Stage stage, String name, String command, String when, String timeout) {
    return new Staged(stage, new GuessedGate(name, command, when, timeout));
  }

  /** Cheap checks run before tests, and tests before full builds. */
  private enum Stage {
    CHECK,
    TEST,
    FULL
  }

  private record Staged(Stage stage, GuessedGate gate) {}
}
