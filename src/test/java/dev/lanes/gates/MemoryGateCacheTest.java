package dev.lanes.gates;

import static dev.lanes.gates.Gates.ctx;
import static dev.lanes.gates.Gates.gate;
import static dev.lanes.policy.GateStage.LANE;
import static dev.lanes.policy.GateStage.PATCH;
import static dev.lanes.policy.GateStage.WAVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.policy.Gate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integrator's gate cache: one run's own outcomes, in memory (ported from FileGateCacheTest).
 */
class MemoryGateCacheTest {
  private static final String TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
  private static final String OTHER_TREE = "9d1dcfdaf1a6857c5f83dc27019c7600e1ffaff8";

  @TempDir Path dir;

  @Test
  void aStoredOutcomeIsFoundByTreeGateNumberAndCommand() {
    Gate gate = gate(2, "./mvnw -pl {modules} test", PATCH);
    GateOutcome stored =
        new GateOutcome(
            gate,
            GateStatus.FAILED,
            "./mvnw -pl 'a b' test",
            1,
            Duration.ofMillis(14_003),
            List.of("[ERROR]\ttab", "back\\slash", ""),
            dir.resolve("logs/patch-gate-2.log"));
    MemoryGateCache cache = new MemoryGateCache();
    cache.put(TREE, stored);

    assertThat(cache.find(TREE, gate, "./mvnw -pl 'a b' test")).contains(stored);
    assertThat(cache.find(OTHER_TREE, gate, "./mvnw -pl 'a b' test")).isEmpty();
    assertThat(cache.find(TREE, gate(3, "x", PATCH), "./mvnw -pl 'a b' test")).isEmpty();
    assertThat(cache.find(TREE, gate, "./mvnw -pl a test")).isEmpty();
  }

  @Test
  void aNewCacheIsEmptyAndTheLastEntryForAKeyWins() {
    MemoryGateCache cache = new MemoryGateCache();
    Gate gate = gate(1, "make", LANE);
    assertThat(cache.find(TREE, gate, "make")).isEmpty();

    cache.put(TREE, outcome(gate, GateStatus.FAILED, 2));
    cache.put(TREE, outcome(gate, GateStatus.PASSED, 0));
    assertThat(cache.find(TREE, gate, "make").map(GateOutcome::status)).contains(GateStatus.PASSED);
    assertThat(new MemoryGateCache().find(TREE, gate, "make"))
        .as("nothing outlives a run")
        .isEmpty();
  }

  @Test
  void theLadderDoesNotRunAGateAgainOnATreeItAlreadyGated() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path logs = dir.resolve("logs");
    GateLadder ladder =
        new GateLadder(new dev.lanes.process.ShellProcessRunner(), 0, new MemoryGateCache());
    List<Gate> gates =
        List.of(
            gate(1, "echo {files} >> runs.txt", PATCH, WAVE),
            gate(2, "echo {files} >> fails.txt; exit 4", PATCH, WAVE));

    LadderResult first = ladder.run(gates, PATCH, repo, Map.of(), ctx("A.java"), logs, TREE);
    // Same tree and commands at another stage: both outcomes come from the cache.
    LadderResult again = ladder.run(gates, WAVE, repo, Map.of(), ctx("A.java"), logs, TREE);

    assertThat(Files.readAllLines(repo.resolve("runs.txt"))).containsExactly("A.java");
    assertThat(Files.readAllLines(repo.resolve("fails.txt"))).containsExactly("A.java");
    assertThat(again.outcomes()).isEqualTo(first.outcomes());
    assertThat(again.firstFailure().map(GateOutcome::exitCode)).contains(4);

    // Another tree, or another rendered command, is a miss and runs.
    ladder.run(gates, PATCH, repo, Map.of(), ctx("A.java"), logs, OTHER_TREE);
    ladder.run(gates, PATCH, repo, Map.of(), ctx("B.java"), logs, TREE);
    assertThat(Files.readAllLines(repo.resolve("runs.txt")))
        .containsExactly("A.java", "A.java", "B.java");
  }

  @Test
  void timeoutsAreNotRememberedAndRunsWithoutATreeIdBypassTheCache() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path logs = dir.resolve("logs");
    MemoryGateCache cache = new MemoryGateCache();
    GateLadder ladder = new GateLadder(new dev.lanes.process.ShellProcessRunner(), 0, cache);
    List<Gate> slow =
        List.of(gate(1, "echo run >> runs.txt; sleep 5", Duration.ofMillis(200), PATCH));

    ladder.run(slow, PATCH, repo, Map.of(), ctx("A.java"), logs, TREE);
    LadderResult again = ladder.run(slow, PATCH, repo, Map.of(), ctx("A.java"), logs, TREE);
    List<Gate> quick = List.of(gate(1, "echo run >> runs.txt", PATCH));
    ladder.run(quick, PATCH, repo, Map.of(), ctx("A.java"), logs);
    ladder.run(quick, PATCH, repo, Map.of(), ctx("A.java"), logs);

    assertThat(again.outcomes().get(0).status()).isEqualTo(GateStatus.TIMED_OUT);
    assertThat(Files.readAllLines(repo.resolve("runs.txt"))).hasSize(4);
    assertThat(cache.find(TREE, slow.get(0), slow.get(0).command())).isEmpty();
  }

  private static GateOutcome outcome(Gate gate, GateStatus status, int exit) {
    return new GateOutcome(
        gate, status, gate.command(), exit, Duration.ofSeconds(1), List.of("out"), Path.of("l"));
  }
}
