package dev.lanes.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testing.Fixtures;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill-then-resume proof, with the packaged jar as a process: {@code lanes dispatch} is
 * SIGKILLed while its worker writes a marker line every 50 ms (each tagged with its attempt), and
 * then no process of attempt 1 may be left, and {@code lanes resume} must run attempt 2 alone: the
 * lane's commit holds attempt 2's lines only. Runs after {@code package}.
 */
class KillThenResumeIT {
  private static final Path JAR = Path.of("target/lanes.jar").toAbsolutePath();

  /**
   * Attempt 1 writes for about ten seconds, far longer than the test waits; attempt 2 starts the
   * file afresh and writes for about a second. Each line says which attempt wrote it.
   */
  private static final String AGENT =
      """
      f=src/a/marks.txt
      if [ "$LANES_ATTEMPT" = 1 ]; then
        IGNORE_TERM
        n=200
      else
        : > "$f"
        n=20
      fi
      i=0
      while [ $i -lt $n ]; do
        echo "attempt $LANES_ATTEMPT line $i" >> "$f"
        i=$((i+1))
        sleep 0.05 || true
      done
      """;

  @TempDir Path tmp;

  /** Every process this test's lanes runs started carries this in its environment. */
  private final String mark = UUID.randomUUID().toString();

  private TestRepo repo;
  private Path root;
  private int runs;

  @AfterEach
  void endWhatIsLeft() {
    // A failing run must not leave its attempt-1 worker writing for the next tests.
    for (ProcessHandle p : processesOf(null)) {
      p.destroyForcibly();
    }
  }

  @Test
  void aKilledDispatchTakesItsWorkerAlongAndResumeRunsAttemptTwoAlone() throws Exception {
    setUp(false);
    Process dispatch = start("dispatch", "L-1");
    awaitMarks(3);

    dispatch.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    assertThat(dispatch.waitFor(30, TimeUnit.SECONDS)).isTrue();

    await(
        () -> processesOf("1").isEmpty(),
        Duration.ofSeconds(6),
        "every process of attempt 1 to end after lanes was killed");
    int linesAtResume = marks().size();
    Outcome resume = run("resume", "L-1");

    assertThat(resume.exitCode()).as(resume.both()).isZero();
    assertThat(repo.read("PLAN.md")).contains("| L-1 | handed-off | 1 | 2 |");
    assertOnlyAttemptTwoLanded();
    assertThat(linesAtResume).as("attempt 1 wrote before the kill").isGreaterThanOrEqualTo(3);
    assertThat(processesOf(null)).as("processes of the lane left running").isEmpty();
  }

  @Test
  void aWorkerThatOutlivedItsSentinelIsEndedByResumeBeforeAttemptTwoStarts() throws Exception {
    setUp(true);
    Process dispatch = start("dispatch", "L-1");
    awaitMarks(3);
    // lanes and the sentinel die together, and the worker ignores TERM: only the recorded pid,
    // group and start time can find it now.
    for (ProcessHandle sentinel : sentinels()) {
      sentinel.destroyForcibly();
      sentinel.onExit().get(10, TimeUnit.SECONDS);
    }
    dispatch.destroyForcibly();
    assertThat(dispatch.waitFor(30, TimeUnit.SECONDS)).isTrue();
    int before = marks().size();
    await(() -> marks().size() > before + 3, Duration.ofSeconds(5), "the orphaned worker to write");
    assertThat(processesOf("1")).as("attempt 1 outlived lanes").isNotEmpty();

    Outcome resume = run("resume", "L-1");

    assertThat(resume.exitCode()).as(resume.both()).isZero();
    assertThat(repo.read("PLAN.md")).contains("| L-1 | handed-off | 1 | 2 |");
    assertOnlyAttemptTwoLanded();
    assertThat(processesOf("1")).as("attempt 1 after resume").isEmpty();
    assertThat(resume.out())
        .as(resume.both())
        .containsPattern(
            "ended attempt 1's worker \\(process group \\d+\\) left by a killed lanes");
  }

  private void setUp(boolean ignoreTerm) {
    repo = TestRepo.init(tmp);
    root = repo.root();
    ScriptedAgent agent =
        ScriptedAgent.write(
            tmp.resolve("agents"),
            "script",
            AGENT.replace("IGNORE_TERM", ignoreTerm ? "trap '' TERM" : ":"));
    repo.write(
            "AGENTS.md",
            ScriptedAgent.agentsFile("- ttl: 30m\n- heartbeat: 1s\n", "", List.of(agent)))
        .write("PLAN.md", Fixtures.plan(Fixtures.lane("L-1", "src/a/**", "")))
        .withTwoSourceFolders()
        .commit("base");
  }

  /** The lane's commit holds the marker file with attempt 2's lines and nothing of attempt 1's. */
  private void assertOnlyAttemptTwoLanded() {
    List<String> landed = repo.git("show", "lanes/L-1:src/a/marks.txt").lines().toList();
    assertThat(landed).as("the marker file in the lane's commit").isNotEmpty();
    assertThat(landed).allSatisfy(line -> assertThat(line).startsWith("attempt 2 "));
    assertThat(landed).hasSize(20);
  }

  private List<String> marks() {
    Path file = root.resolve(".lanes/worktrees/L-1/src/a/marks.txt");
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private void awaitMarks(int lines) {
    await(() -> marks().size() >= lines, Duration.ofSeconds(30), lines + " marker lines");
  }

  /**
   * Running processes (zombies excluded) started by this test's lanes, read from /proc: their
   * environment holds this test's mark, and {@code LANES_ATTEMPT=attempt} unless it is null.
   */
  private List<ProcessHandle> processesOf(String attempt) {
    List<ProcessHandle> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        String name = d.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(d.resolve("stat"));
          if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
            continue;
          }
          List<String> env =
              List.of(
                  new String(Files.readAllBytes(d.resolve("environ")), StandardCharsets.UTF_8)
                      .split("\0"));
          if (env.contains("KILL_IT_MARK=" + mark)
              && (attempt == null || env.contains("LANES_ATTEMPT=" + attempt))) {
            ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
          }
        } catch (IOException | RuntimeException gone) {
          // ended while we looked
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  /** The sentinels guarding this test's workers: an {@code sh} named {@code lanes-sentinel}. */
  private List<ProcessHandle> sentinels() {
    return processesOf("1").stream()
        .filter(
            p -> p.info().arguments().map(List::of).orElse(List.of()).contains("lanes-sentinel"))
        .toList();
  }

  private Process start(String... args) throws IOException {
    runs++;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
    command.add(args[0]);
    command.addAll(List.of("--repo", root.toString()));
    command.addAll(List.of(args).subList(1, args.length));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectOutput(tmp.resolve("out-" + runs + ".txt").toFile())
            .redirectError(tmp.resolve("err-" + runs + ".txt").toFile());
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("LANES_") || k.startsWith("GIT_"));
    e.put("HOME", tmp.resolve("home").toString());
    e.put("GIT_CONFIG_NOSYSTEM", "1");
    e.put("KILL_IT_MARK", mark);
    return pb.start();
  }

  private record Outcome(int exitCode, String out, String err) {
    String both() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Outcome run(String... args) throws IOException, InterruptedException {
    Process p = start(args);
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("lanes " + args[0] + " ended").isTrue();
    return new Outcome(
        p.exitValue(),
        Files.readString(tmp.resolve("out-" + runs + ".txt")),
        Files.readString(tmp.resolve("err-" + runs + ".txt")));
  }

  private static void await(BooleanSupplier condition, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
