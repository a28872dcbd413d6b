package dev.lanes.gates;

import static dev.lanes.gates.Gates.ctx;
import static dev.lanes.gates.Gates.gate;
import static dev.lanes.policy.GateStage.LANE;
import static dev.lanes.policy.GateStage.PATCH;
import static dev.lanes.policy.GateStage.WAVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.policy.Gate;
import dev.lanes.policy.GateStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateLadderTest {
  @TempDir Path repo;
  @TempDir Path logs;

  private final GateLadder ladder = new GateLadder(new dev.lanes.process.ShellProcessRunner(), 0);

  @Test
  void runsTheStageGatesInAscendingNumberAndStopsAtTheFirstFailure() throws IOException {
    List<Gate> gates =
        List.of(
            gate(4, "echo 4 >> order.txt", PATCH),
            gate(2, "echo 2 >> order.txt; echo 'type error in A.java' >&2; exit 3", PATCH),
            gate(1, "echo 1 >> order.txt; echo all good", LANE, PATCH),
            gate(3, "echo 3 >> order.txt", PATCH, WAVE));

    LadderResult result = run(gates, PATCH, ctx("A.java"));

    assertThat(Files.readAllLines(repo.resolve("order.txt"))).containsExactly("1", "2");
    assertThat(result.outcomes()).extracting(o -> o.gate().number()).containsExactly(1, 2);
    assertThat(result.outcomes())
        .extracting(GateOutcome::status)
        .containsExactly(GateStatus.PASSED, GateStatus.FAILED);
    assertThat(result.passed()).isFalse();
    GateOutcome failure = result.firstFailure().orElseThrow();
    assertThat(failure.gate().number()).isEqualTo(2);
    assertThat(failure.exitCode()).isEqualTo(3);
    assertThat(failure.outputTail()).containsExactly("type error in A.java");
    assertThat(failure.log()).isEqualTo(logs.resolve("patch-gate-2.log"));
    assertThat(Files.readString(failure.log())).isEqualTo("type error in A.java\n");
    assertThat(Files.readString(logs.resolve("patch-gate-1.log"))).isEqualTo("all good\n");
    assertThat(logs.resolve("patch-gate-3.log")).doesNotExist();
  }

  @Test
  void runsOnlyTheGatesOfTheStageAndPassesWhenAllPass() throws IOException {
    List<Gate> gates =
        List.of(
            gate(1, "echo lane >> ran.txt", LANE),
            gate(2, "echo patch >> ran.txt", PATCH),
            gate(3, "echo wave >> ran.txt", WAVE),
            gate(4, "echo both >> ran.txt", LANE, WAVE));

    LadderResult result = run(gates, WAVE, ctx("A.java"));

    assertThat(Files.readAllLines(repo.resolve("ran.txt"))).containsExactly("wave", "both");
    assertThat(result.stage()).isEqualTo(WAVE);
    assertThat(result.passed()).isTrue();
    assertThat(result.firstFailure()).isEmpty();
    assertThat(result.outcomes()).extracting(o -> o.gate().number()).containsExactly(3, 4);
    assertThat(logs.resolve("wave-gate-3.log")).exists();
  }

  @Test
  void aGateOverItsTimeoutIsTimedOutItsProcessTreeEndsAndTheLadderStops() throws Exception {
    List<Gate> gates =
        List.of(
            gate(1, "sleep 60 & echo $! > child.pid; wait", Duration.ofMillis(500), LANE),
            gate(2, "echo ran > second.txt", LANE));

    long start = System.nanoTime();
    LadderResult result = run(gates, LANE, ctx("A.java"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(result.outcomes()).hasSize(1);
    GateOutcome timedOut = result.outcomes().get(0);
    assertThat(timedOut.status()).isEqualTo(GateStatus.TIMED_OUT);
    assertThat(timedOut.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(result.passed()).isFalse();
    assertThat(result.firstFailure()).contains(timedOut);
    assertThat(repo.resolve("second.txt")).doesNotExist();
    long child = Long.parseLong(Files.readString(repo.resolve("child.pid")).trim());
    assertThat(waitUntilGone(child)).as("the gate's background sleep %d ended", child).isTrue();
  }

  @Test
  void gatesWithAnEmptyPlaceholderAreSkippedAndTheLadderGoesOn() throws IOException {
    // docs/ is in no build module, so {modules} is empty; {files} is empty for no file.
    List<Gate> gates =
        List.of(
            gate(1, "echo one >> ran.txt", PATCH),
            gate(2, "echo modules {modules} >> ran.txt", PATCH),
            gate(3, "echo files {files} >> ran.txt", PATCH),
            gate(4, "echo four >> ran.txt", PATCH));

    LadderResult none = run(gates, PATCH, ctx());
    assertThat(none.outcomes())
        .extracting(GateOutcome::status)
        .containsExactly(
            GateStatus.PASSED, GateStatus.SKIPPED, GateStatus.SKIPPED, GateStatus.PASSED);
    assertThat(none.passed()).isTrue();
    assertThat(none.trailer()).matches("1 pass \\d+\\.\\ds, 2 skip, 3 skip, 4 pass \\d+\\.\\ds");
    GateOutcome skipped = none.outcomes().get(1);
    assertThat(skipped.command()).isEqualTo("echo modules {modules} >> ran.txt");
    assertThat(skipped.log()).doesNotExist();

    Files.writeString(repo.resolve("ran.txt"), "");
    LadderResult docs = run(gates, PATCH, ctx("docs/guide.md"));
    assertThat(docs.outcomes())
        .extracting(GateOutcome::status)
        .containsExactly(
            GateStatus.PASSED, GateStatus.SKIPPED, GateStatus.PASSED, GateStatus.PASSED);
    assertThat(Files.readAllLines(repo.resolve("ran.txt")))
        .containsExactly("one", "files docs/guide.md", "four");
  }

  @Test
  void filesWithSpacesAndQuotesReachTheCommandAsSingleWords() throws IOException {
    List<String> names =
        List.of("a b.txt", "it's.txt", "say \"hi\".md", "$HOME.txt", "semi;colon", "-n", "*");
    LadderResult result =
        run(
            List.of(gate(1, "printf '%s\\n' {files}", LANE)),
            LANE,
            ctx(names.toArray(String[]::new)));

    assertThat(result.passed()).isTrue();
    assertThat(Files.readAllLines(logs.resolve("lane-gate-1.log")))
        .containsExactlyElementsOf(names.stream().sorted().toList());
    assertThat(result.outcomes().get(0).command())
        .isEqualTo(
            "printf '%s\\n' '$HOME.txt' '*' -n 'a b.txt' 'it'\\''s.txt' 'say \"hi\".md'"
                + " 'semi;colon'");
  }

  @Test
  void modulesAndDirsAreFilledFromTheCheckedTree() throws IOException {
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    Files.createDirectories(repo.resolve("web/src"));
    Files.writeString(repo.resolve("web/package.json"), "{}");
    Files.createDirectories(repo.resolve("lib/core"));
    Files.writeString(repo.resolve("lib/core/pom.xml"), "<project/>");
    GateContext ctx = ctx("web/src/app.js", "lib/core/src/A.java", "lib/README.md");

    LadderResult result =
        run(
            List.of(
                gate(1, "printf 'module %s\\n' {modules}", PATCH),
                gate(2, "printf 'dir %s\\n' {dirs}", PATCH)),
            PATCH,
            ctx);

    assertThat(result.passed()).isTrue();
    assertThat(Files.readAllLines(logs.resolve("patch-gate-1.log")))
        .containsExactly("module .", "module lib/core", "module web");
    assertThat(Files.readAllLines(logs.resolve("patch-gate-2.log")))
        .containsExactly("dir lib", "dir lib/core/src", "dir web/src");
  }

  @Test
  void gatesRunInTheCheckedFolderWithTheGivenEnvironment() throws IOException {
    LadderResult result =
        new GateLadder(new dev.lanes.process.ShellProcessRunner(), 0)
            .run(
                List.of(gate(1, "echo \"$LANES_LANE in $(pwd)\"", LANE)),
                LANE,
                repo,
                Map.of("LANES_LANE", "L-042"),
                ctx("A.java"),
                logs);

    assertThat(result.outcomes().get(0).outputTail())
        .containsExactly("L-042 in " + repo.toRealPath());
  }

  @Test
  void aGateThatFailsAndThenPassesOnARetryIsFlakyNotRed() throws IOException {
    List<Gate> gates =
        List.of(
            gate(1, "echo 1 >> ran.txt", LANE),
            gate(2, "echo 2 >> ran.txt; [ -e once ] || { touch once; exit 5; }", LANE));
    GateLadder retrying = new GateLadder(new dev.lanes.process.ShellProcessRunner(), 1);

    LadderResult result = retrying.run(gates, LANE, repo, Map.of(), ctx("A.java"), logs);

    assertThat(result.passed()).isTrue();
    assertThat(result.flaky())
        .containsExactly(
            "gate 2 (gate 2) failed with exit 5, then passed on retry 1 of the unchanged tree:"
                + " flaky, not blamed");
    // Only the failed gate runs again.
    assertThat(Files.readAllLines(repo.resolve("ran.txt"))).containsExactly("1", "2", "2");
  }

  @Test
  void withoutRetriesAFailureIsRedAndAGateFailingEveryRetryStaysRed() {
    List<Gate> gates = List.of(gate(1, "exit 2", LANE));

    LadderResult once = run(gates, LANE, ctx("A.java"));
    LadderResult retried =
        new GateLadder(new dev.lanes.process.ShellProcessRunner(), 2)
            .run(gates, LANE, repo, Map.of(), ctx("A.java"), logs);

    assertThat(once.passed()).isFalse();
    assertThat(retried.passed()).isFalse();
    assertThat(retried.flaky()).isEmpty();
    assertThat(retried.firstFailure().orElseThrow().failure()).isEqualTo("failed with exit 2");
  }

  @Test
  void aStageWithNoGatesPassesWithNothingRun() {
    LadderResult result = run(List.of(gate(1, "exit 1", WAVE)), LANE, ctx("A.java"));
    assertThat(result.outcomes()).isEmpty();
    assertThat(result.passed()).isTrue();
    assertThat(result.trailer()).isEqualTo("none");
  }

  private LadderResult run(List<Gate> gates, GateStage stage, GateContext ctx) {
    return ladder.run(gates, stage, repo, Map.of(), ctx, logs);
  }

  private static boolean waitUntilGone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
