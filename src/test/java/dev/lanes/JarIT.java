package dev.lanes;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testing.Fixtures;
import dev.lanes.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged jar as a process: help, exit codes, output streams. Runs after `package`. */
class JarIT {
  private static final Path JAR = Path.of("target/lanes.jar").toAbsolutePath();

  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result lanes(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return run(dir, command.toArray(String[]::new));
  }

  /**
   * The launcher the build writes, {@code target/lanes}, runs the same jar with its JVM flags and
   * class archive, also through a link to it from elsewhere (as README's set-up puts it on the
   * PATH), and keeps lanes' exit codes and streams.
   */
  @Test
  void theLauncherRunsLanesAlsoThroughALinkAndKeepsExitCodes() throws Exception {
    Path launcher = Path.of("target/lanes").toAbsolutePath();
    assertThat(launcher).isExecutable();
    assertThat(Path.of("target/lanes.jsa")).as("the build's class archive").isRegularFile();
    Path bin = java.nio.file.Files.createDirectories(tmp.resolve("bin"));
    Path link = java.nio.file.Files.createSymbolicLink(bin.resolve("lanes"), launcher);
    TestRepo repo = TestRepo.init(tmp);
    repo.write("AGENTS.md", Fixtures.AGENTS)
        .write("src/a/A.java", "class A {}\n")
        .write("PLAN.md", plan(lane("L-1", "src/a/**", "")))
        .commit("base");

    Result valid = run(repo.root(), link.toString(), "validate");
    repo.write("PLAN.md", plan(lane("L-1", "../outside/**", "")));
    Result bad = run(repo.root(), link.toString(), "validate");

    assertThat(valid.code()).as(valid.err()).isZero();
    assertThat(valid.err()).as("no JVM or archive warning").isEmpty();
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("PLAN.md:").contains("..");
    // The link leads out of the temporary folder: JUnit would warn when it deletes it.
    java.nio.file.Files.delete(link);
  }

  private static Result run(Path dir, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.redirectOutput(dir.resolve("../out.txt").toFile());
    pb.redirectError(dir.resolve("../err.txt").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("lanes ended").isTrue();
    return new Result(
        p.exitValue(),
        java.nio.file.Files.readString(dir.resolve("../out.txt"), StandardCharsets.UTF_8),
        java.nio.file.Files.readString(dir.resolve("../err.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void topLevelHelpListsTheCommands() throws Exception {
    TestRepo repo = TestRepo.init(tmp);
    Result r = lanes(repo.root(), "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("init", "validate", "waves", "dispatch", "Exit codes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "demo",
        "init",
        "validate",
        "waves",
        "dispatch",
        "integrate",
        "status",
        "checkpoint",
        "approve",
        "resume",
        "reclaim",
        "cleanup"
      })
  void everyCommandHasHelpWithAnExample(String command) throws Exception {
    TestRepo repo = TestRepo.init(tmp);
    Result r = lanes(repo.root(), command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: lanes " + command).contains("Example");
  }

  @Test
  void worksFromASubfolderAndReportsBadInputOnStderrWithExit2() throws Exception {
    TestRepo repo = TestRepo.init(tmp);
    repo.write("AGENTS.md", Fixtures.AGENTS)
        .write("src/a/A.java", "class A {}\n")
        .write("PLAN.md", plan(lane("L-1", "../outside/**", "")))
        .commit("base");
    Result r = lanes(repo.root().resolve("src/a"), "validate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("PLAN.md:");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void anUnknownOptionIsExit2() throws Exception {
    TestRepo repo = TestRepo.init(tmp);
    Result r = lanes(repo.root(), "waves", "--frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--frobnicate");
  }

  @Test
  void initThenValidateAsAUserWould() throws Exception {
    TestRepo repo = TestRepo.init(tmp);
    repo.write("package.json", "{\"scripts\":{\"test\":\"node test.js\"}}\n").commit("base");
    assertThat(lanes(repo.root(), "init").code()).isZero();
    Result v = lanes(repo.root(), "validate", "--json");
    assertThat(v.code()).as(v.out() + v.err()).isZero();
    assertThat(v.out()).contains("\"ok\" : true");
  }
}
