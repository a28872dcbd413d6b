package dev.lanes.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lanes.port.ProcessOutcome;
import dev.lanes.port.ProcessSpec;
import dev.lanes.port.RunningProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellProcessRunnerTest {

  /** Variables sh may export by itself even into an empty environment. */
  private static final Set<String> SHELL_ADDED = Set.of("PWD", "OLDPWD", "SHLVL", "_");

  @TempDir Path dir;

  private final ShellProcessRunner runner = new ShellProcessRunner();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 77})
  void theShellsExitCodeComesBack(int code) {
    ProcessOutcome outcome = run("echo hi; exit " + code);

    assertThat(outcome.exitCode()).isEqualTo(code);
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.succeeded()).isEqualTo(code == 0);
  }

  @Test
  void everyLineReachesTheCallbackAndTheLogInOrderAndTheTailKeepsTheLast40() throws IOException {
    List<String> expected =
        IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.toList());

    ProcessOutcome outcome =
        run("i=1; while [ $i -le 100 ]; do echo \"line $i\"; i=$((i+1)); done");

    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(logLines("run.log")).containsExactlyElementsOf(expected);
    assertThat(outcome.outputTail()).containsExactlyElementsOf(expected.subList(60, 100));
  }

  @Test
  void stderrIsLoggedTooAndALastLineWithoutNewlineIsKept() throws IOException {
    ProcessOutcome outcome = run("echo to-err >&2; sleep 0.1; printf 'no newline'");

    assertThat(seen).containsExactly("to-err", "no newline");
    assertThat(logLines("run.log")).containsExactly("to-err", "no newline");
    assertThat(outcome.outputTail()).containsExactly("to-err", "no newline");
  }

  @Test
  void theLogIsAppendedToAndItsFoldersAreCreated() throws IOException {
    Path log = dir.resolve("logs/deep/L-001.1.log");
    runner.run(spec("echo first").withLog(log).build(), seen::add);
    runner.run(spec("echo second").withLog(log).build(), seen::add);

    assertThat(Files.readAllLines(log)).containsExactly("first", "second");
  }

  @Test
  void theEnvironmentIsExactlyTheGivenOne() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("LANES_LANE", "L-001");
    env.put("ONLY_HERE", "a value with spaces and $dollar");
    String inherited =
        System.getenv().keySet().stream()
            .filter(k -> !env.containsKey(k) && !SHELL_ADDED.contains(k))
            .findFirst()
            .orElse("HOME");

    runner.run(spec("env").withEnvironment(env).build(), seen::add);

    Map<String, String> childEnv =
        seen.stream()
            .filter(l -> l.contains("="))
            .collect(
                Collectors.toMap(
                    l -> l.substring(0, l.indexOf('=')),
                    l -> l.substring(l.indexOf('=') + 1),
                    (a, b) -> b));
    assertThat(childEnv)
        .containsEntry("LANES_LANE", "L-001")
        .containsEntry("ONLY_HERE", "a value with spaces and $dollar")
        .doesNotContainKey(inherited);
    // The shell itself may export PWD/SHLVL/_; nothing else may appear.
    assertThat(childEnv.keySet()).isSubsetOf(union(env.keySet(), SHELL_ADDED));
  }

  @Test
  void anEmptyEnvironmentStaysEmpty() {
    runner.run(spec("env").withEnvironment(Map.of()).build(), seen::add);

    assertThat(seen)
        .allSatisfy(
            line -> assertThat(line).matches("(PWD|OLDPWD|SHLVL|_)=.*").doesNotStartWith("PATH="));
  }

  @Test
  void theCommandRunsInTheWorkingFolderWithAnEmptyStdin() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work tree"));

    ProcessOutcome outcome =
        runner.run(
            spec("pwd; cat; echo after-cat")
                .withWorkingDir(work)
                .withTimeout(Duration.ofSeconds(10))
                .build(),
            seen::add);

    assertThat(outcome.timedOut()).isFalse();
    assertThat(seen).containsExactly(work.toRealPath().toString(), "after-cat");
  }

  @Test
  void theCommandTextReachesTheShellUntouched() {
    run("X='a  b'; echo \"${X}\" '$HOME' \"it's\"");

    assertThat(seen).containsExactly("a  b $HOME it's");
  }

  @Test
  void anUnknownCommandIsExit127NotAnException() {
    ProcessOutcome outcome = run("no-such-command-lanes-test");

    assertThat(outcome.exitCode()).isEqualTo(127);
    assertThat(String.join("\n", outcome.outputTail())).contains("not found");
  }

  @Test
  void aMissingWorkingFolderIsExit127NamingTheFolder() {
    Path missing = dir.resolve("no/such/folder");

    ProcessOutcome outcome =
        runner.run(spec("echo never").withWorkingDir(missing).build(), seen::add);

    assertThat(outcome.exitCode()).isEqualTo(127);
    assertThat(seen).containsExactly("lanes: working directory " + missing + " does not exist");
  }

  @Test
  void aShellThatCannotStartThrows() {
    ShellProcessRunner broken =
        new ShellProcessRunner(
            Optional.of(dir.resolve("missing-setsid")),
            Optional.of(Path.of("/bin/kill")),
            ShellProcessRunner.DEFAULT_GRACE);

    assertThatThrownBy(() -> broken.run(spec("echo hi").build(), seen::add))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot start");
  }

  @Test
  void theShellLeadsItsOwnProcessGroup() throws IOException {
    assumeThat(runner.usesProcessGroups()).as("setsid available").isTrue();

    ProcessOutcome outcome = run("cut -d' ' -f5 /proc/$$/stat");

    assertThat(seen).containsExactly(Long.toString(outcome.pid()));
  }

  @Test
  void aTimeoutEndsTheShellAndItsBackgroundGrandchildren() throws IOException {
    long start = System.nanoTime();
    ProcessOutcome outcome =
        runner.run(
            spec("sleep 300 & echo $! >> pids; sleep 300 & echo $! >> pids; echo started; wait")
                .withTimeout(Duration.ofSeconds(2))
                .build(),
            seen::add);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(outcome.timedOut()).isTrue();
    assertThat(outcome.exitCode()).isNotZero();
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(seen).contains("started");
    List<Long> pids = pids();
    assertThat(pids).hasSize(2);
    assertGone(outcome.pid());
    pids.forEach(ShellProcessRunnerTest::assertGone);
  }

  @Test
  void aChildIgnoringTermIsKilledAfterTheGrace() throws IOException {
    long start = System.nanoTime();
    ProcessOutcome outcome =
        runner.run(
            spec("sh -c 'trap \"\" TERM; echo $$ > pids; echo ready; while :; do sleep 1; done' &"
                    + " wait")
                .withTimeout(Duration.ofSeconds(1))
                .build(),
            seen::add);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(outcome.timedOut()).isTrue();
    assertThat(took).isLessThan(Duration.ofSeconds(6));
    assertThat(pids()).singleElement().satisfies(ShellProcessRunnerTest::assertGone);
  }

  @Test
  void aChildThatLeftTheGroupIsStillEndedThroughTheSnapshot() throws IOException {
    assumeThat(runner.usesProcessGroups()).as("setsid available").isTrue();

    ProcessOutcome outcome =
        runner.run(
            spec("setsid sh -c 'trap \"\" TERM; echo $$ > pids; exec sleep 300' & sleep 0.3;"
                    + " echo started; wait")
                .withTimeout(Duration.ofSeconds(1))
                .build(),
            seen::add);

    assertThat(outcome.timedOut()).isTrue();
    assertThat(pids()).singleElement().satisfies(ShellProcessRunnerTest::assertGone);
  }

  @Test
  void aBackgroundJobLeftBehindIsEndedAndDoesNotHoldTheRun() throws IOException {
    assumeThat(runner.usesProcessGroups()).as("setsid available").isTrue();
    long start = System.nanoTime();

    ProcessOutcome outcome = run("sleep 300 & echo $! > pids; echo done");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.timedOut()).isFalse();
    assertThat(pids()).singleElement().satisfies(ShellProcessRunnerTest::assertGone);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sleep 30 > /dev/null 2>&1 &", "sleep 30 &"})
  void aJobLeftBehindWithOrWithoutThePipeIsEndedOnceTheShellExits(String job) throws IOException {
    assumeThat(runner.usesProcessGroups()).as("setsid available").isTrue();
    long start = System.nanoTime();

    ProcessOutcome outcome = run(job + " echo $! > pids; echo done");

    // Ended, not waited for: a job still holding the pipe would cost the 3 s drain per stream.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(outcome.exitCode()).isZero();
    assertThat(seen).containsExactly("done");
    assertThat(pids()).singleElement().satisfies(ShellProcessRunnerTest::assertGone);
  }

  @Test
  void anEscapedJobHoldingThePipeDelaysTheOutcomeByTheDrainOnly() throws IOException {
    assumeThat(runner.usesProcessGroups()).as("setsid available").isTrue();
    long start = System.nanoTime();
    try {
      // Its own session puts it out of the group's reach; only the pumps' stop timeout ends the
      // wait. The shell waits until the job has left, or ending the group could still catch it.
      ProcessOutcome outcome =
          run(
              "setsid sh -c 'echo $$ > pids; exec sleep 30' &"
                  + " while [ ! -s pids ]; do sleep 0.01; done; echo done; exit 3");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(outcome.exitCode()).isEqualTo(3);
      assertThat(outcome.outputTail()).containsExactly("done");
      assertThat(took).isGreaterThan(ShellProcessRunner.DRAIN).isLessThan(Duration.ofSeconds(9));
    } finally {
      pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  @Test
  void aRunThatEndsInTimeLeavesNoTimeLimitRunning() {
    long before = liveLimits();
    for (int i = 0; i < 5; i++) {
      ProcessOutcome outcome =
          runner.run(spec("true").withTimeout(Duration.ofMinutes(10)).build(), seen::add);
      assertThat(outcome.timedOut()).isFalse();
    }

    // Each limit is a Commons Exec watchdog thread, stopped when its run ends. Runs of earlier
    // tests may still be ending on other threads: wait a little for them. A limit this test
    // leaked would stay for 10 minutes.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (liveLimits() > before && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertThat(liveLimits()).isLessThanOrEqualTo(before);
  }

  private static long liveLimits() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("CommonsExecWatchdog-"))
        .count();
  }

  @Test
  void stopEndsTheWholeTreeOfARunningHandle() throws IOException {
    RunningProcess handle =
        runner.start(spec("sleep 300 & echo $! > pids; echo started; wait").build(), seen::add);
    waitFor(() -> seen.contains("started"), "the script to print started");
    assertThat(handle.isAlive()).isTrue();

    handle.stop();

    assertThat(handle.isAlive()).isFalse();
    ProcessOutcome outcome = handle.await();
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.exitCode()).isNotZero();
    assertThat(outcome.pid()).isEqualTo(handle.pid());
    assertGone(handle.pid());
    assertThat(pids()).singleElement().satisfies(ShellProcessRunnerTest::assertGone);
  }

  @Test
  void interruptingTheWaitingThreadStopsTheTreeAndKeepsTheFlag() throws Exception {
    RunningProcess handle =
        runner.start(spec("sleep 300 & echo $! > pids; echo started; wait").build(), seen::add);
    waitFor(() -> seen.contains("started"), "the script to print started");
    CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              handle.await();
              interruptedAfter.complete(Thread.currentThread().isInterrupted());
            });
    waiter.start();

    waiter.interrupt();

    assertThat(interruptedAfter.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(handle.isAlive()).isFalse();
    assertThat(pids()).singleElement().satisfies(ShellProcessRunnerTest::assertGone);
  }

  @Test
  void twoProcessesRunInParallelWithoutMixingTheirLogs() throws IOException {
    String script =
        "sleep 0.3; i=1; while [ $i -le 200 ]; do echo \"%s $i\"; i=$((i+1)); done; exit %d";
    List<String> seenA = Collections.synchronizedList(new ArrayList<>());
    List<String> seenB = Collections.synchronizedList(new ArrayList<>());

    long start = System.nanoTime();
    RunningProcess a =
        runner.start(
            spec(String.format(script, "A", 0)).withLog(dir.resolve("a.log")).build(), seenA::add);
    RunningProcess b =
        runner.start(
            spec(String.format(script, "B", 3)).withLog(dir.resolve("b.log")).build(), seenB::add);
    ProcessOutcome outcomeA = a.await();
    ProcessOutcome outcomeB = b.await();

    assertThat(a.pid()).isNotEqualTo(b.pid());
    assertThat(outcomeA.exitCode()).isZero();
    assertThat(outcomeB.exitCode()).isEqualTo(3);
    assertThat(Files.readAllLines(dir.resolve("a.log"))).containsExactlyElementsOf(numbered("A"));
    assertThat(Files.readAllLines(dir.resolve("b.log"))).containsExactlyElementsOf(numbered("B"));
    assertThat(seenA).containsExactlyElementsOf(numbered("A"));
    assertThat(seenB).containsExactlyElementsOf(numbered("B"));
    // Both slept 0.3 s first; run one after the other they would need at least 0.6 s.
    assertThat(outcomeA.elapsed().plus(outcomeB.elapsed()))
        .isGreaterThan(Duration.ofNanos(System.nanoTime() - start));
  }

  @Test
  void withoutSetsidTheDescendantsSnapshotStillEndsTheTree() throws IOException {
    ShellProcessRunner fallback =
        new ShellProcessRunner(Optional.empty(), Optional.empty(), Duration.ofSeconds(1));
    assertThat(fallback.usesProcessGroups()).isFalse();

    ProcessOutcome outcome =
        fallback.run(
            spec("sleep 300 & echo $! >> pids; sleep 300 & echo $! >> pids; echo started; wait")
                .withTimeout(Duration.ofSeconds(1))
                .build(),
            seen::add);

    assertThat(outcome.timedOut()).isTrue();
    assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(5));
    assertThat(pids()).hasSize(2).allSatisfy(ShellProcessRunnerTest::assertGone);
  }

  @Test
  void theSentinelStandsOutsideTheGroupWithoutThePipesAndIsReapedWhenTheCommandEnds()
      throws IOException {
    assumeThat(runner.usesProcessGroups()).as("setsid available").isTrue();
    RunningProcess running = runner.start(spec("sleep 1").build(), seen::add);
    long leader = running.pid();
    long[] sentinel = {-1};

    // The leader's other child, once it is the sentinel's shell and has left the group.
    waitFor(
        () -> {
          sentinel[0] =
              ProcessHandle.of(leader).stream()
                  .flatMap(ProcessHandle::children)
                  .filter(c -> c.info().arguments().map(List::of).orElse(List.of()).size() == 4)
                  .filter(c -> c.info().arguments().get()[2].equals("lanes-sentinel"))
                  .mapToLong(ProcessHandle::pid)
                  .findFirst()
                  .orElse(-1);
          return sentinel[0] > 0 && !statField(sentinel[0], 2).equals(Long.toString(leader));
        },
        "the sentinel in its own group");
    assertThat(statField(sentinel[0], 3)).as("its session").isEqualTo(Long.toString(sentinel[0]));
    assertThat(Files.readSymbolicLink(Path.of("/proc/" + sentinel[0] + "/fd/1")))
        .as("its stdout")
        .isEqualTo(Path.of("/dev/null"));
    ProcessOutcome outcome = running.await();

    assertThat(outcome.exitCode()).isZero();
    assertThat(Path.of("/proc", Long.toString(sentinel[0])))
        .as("the sentinel, reaped")
        .doesNotExist();
  }

  /** Field {@code index} of /proc/pid/stat counted from the state (field 3). */
  private static String statField(long pid, int index) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[index];
    } catch (IOException e) {
      return "";
    }
  }

  // --- helpers ---

  private ProcessOutcome run(String command) {
    return runner.run(spec(command).build(), seen::add);
  }

  private SpecBuilder spec(String command) {
    return new SpecBuilder(
        command,
        dir,
        Map.of("PATH", System.getenv("PATH")),
        dir.resolve("run.log"),
        Optional.empty());
  }

  private List<String> logLines(String name) throws IOException {
    return Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
  }

  private List<Long> pids() throws IOException {
    return Files.readAllLines(dir.resolve("pids")).stream()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(Long::parseLong)
        .collect(Collectors.toList());
  }

  private static List<String> numbered(String name) {
    return IntStream.rangeClosed(1, 200).mapToObj(i -> name + " " + i).collect(Collectors.toList());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * A killed process counts as gone even while it is a zombie waiting for init to reap it (this
   * machine's init reaps slowly); ProcessHandle alone would still call it alive.
   */
  private static void assertGone(long pid) {
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    if (alive) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        alive = !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
      } catch (IOException e) {
        // No /proc entry (ended meanwhile, or not Linux): trust ProcessHandle.
        alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      }
    }
    assertThat(alive).as("process %d is still running", pid).isFalse();
  }

  private static void waitFor(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after 5 s waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Test-side builder for the port record. */
  private record SpecBuilder(
      String command,
      Path workingDir,
      Map<String, String> env,
      Path log,
      Optional<Duration> timeout) {
    SpecBuilder withLog(Path other) {
      return new SpecBuilder(command, workingDir, env, other, timeout);
    }

    SpecBuilder withWorkingDir(Path other) {
      return new SpecBuilder(command, other, env, log, timeout);
    }

    SpecBuilder withEnvironment(Map<String, String> other) {
      return new SpecBuilder(command, workingDir, other, log, timeout);
    }

    SpecBuilder withTimeout(Duration limit) {
      return new SpecBuilder(command, workingDir, env, log, Optional.of(limit));
    }

    ProcessSpec build() {
      return new ProcessSpec(command, workingDir, env, timeout, log);
    }
  }
}
