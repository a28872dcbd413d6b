package dev.lanes.gates;

import static dev.lanes.gates.Gates.ctx;
import static dev.lanes.gates.Gates.gate;
import static dev.lanes.policy.GateStage.LANE;
import static dev.lanes.policy.GateStage.PATCH;
import static dev.lanes.policy.GateStage.WAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.lanes.policy.Gate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileGateCacheTest {
  private static final String TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
  private static final String OTHER_TREE = "9d1dcfdaf1a6857c5f83dc27019c7600e1ffaff8";

  @TempDir Path dir;

  @Test
  void aStoredOutcomeIsFoundByTreeGateNumberAndCommandEvenFromANewInstance() {
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
    new FileGateCache(dir.resolve("cache/gates.txt")).put(TREE, stored);

    FileGateCache cache = new FileGateCache(dir.resolve("cache/gates.txt"));
    assertThat(cache.find(TREE, gate, "./mvnw -pl 'a b' test")).contains(stored);
    assertThat(cache.find(OTHER_TREE, gate, "./mvnw -pl 'a b' test")).isEmpty();
    assertThat(cache.find(TREE, gate(3, "x", PATCH), "./mvnw -pl 'a b' test")).isEmpty();
    assertThat(cache.find(TREE, gate, "./mvnw -pl a test")).isEmpty();
  }

  @Test
  void aMissingFileIsAnEmptyCacheAndTheLastEntryForAKeyWins() {
    FileGateCache cache = new FileGateCache(dir.resolve("gates.txt"));
    Gate gate = gate(1, "make", LANE);
    assertThat(cache.find(TREE, gate, "make")).isEmpty();

    cache.put(TREE, outcome(gate, GateStatus.FAILED, 2));
    cache.put(TREE, outcome(gate, GateStatus.PASSED, 0));
    assertThat(cache.find(TREE, gate, "make").map(GateOutcome::status)).contains(GateStatus.PASSED);
  }

  @Test
  void brokenLinesAreIgnoredAndAnEntryAfterACutShortLineStillReadsBack() throws IOException {
    Path file = dir.resolve("gates.txt");
    Gate gate = gate(1, "make", LANE);
    Files.writeString(
        file,
        "garbage\n1\t"
            + TREE
            + "\t1\tmake\tNO_SUCH_STATUS\t0\t5\tx.log\n\\q\n1\t"
            + TREE
            + "\t1\tma",
        StandardCharsets.UTF_8);
    Files.write(file, new byte[] {(byte) 0xE2, (byte) 0x82}, StandardOpenOption.APPEND);
    FileGateCache cache = new FileGateCache(file);
    assertThat(cache.find(TREE, gate, "make")).isEmpty();

    cache.put(TREE, outcome(gate, GateStatus.PASSED, 0));
    assertThat(cache.find(TREE, gate, "make").map(GateOutcome::status)).contains(GateStatus.PASSED);
  }

  @Test
  void twoInstancesSharingTheFileSeeEachOthersLaterEntriesAndAReplacedFileIsReadAgain()
      throws IOException {
    Path file = dir.resolve("gates.txt");
    Gate gate = gate(1, "make", PATCH);
    FileGateCache mine = new FileGateCache(file);
    FileGateCache theirs = new FileGateCache(file);
    mine.put(TREE, outcome(gate, GateStatus.FAILED, 2));
    assertThat(theirs.find(TREE, gate, "make").map(GateOutcome::status))
        .contains(GateStatus.FAILED);

    mine.put(TREE, outcome(gate, GateStatus.PASSED, 0));
    theirs.put(OTHER_TREE, outcome(gate, GateStatus.FAILED, 1));
    assertThat(theirs.find(TREE, gate, "make").map(GateOutcome::status))
        .contains(GateStatus.PASSED);
    assertThat(mine.find(OTHER_TREE, gate, "make").map(GateOutcome::status))
        .contains(GateStatus.FAILED);

    Files.delete(file);
    assertThat(mine.find(TREE, gate, "make")).isEmpty();
    theirs.put(OTHER_TREE, outcome(gate, GateStatus.PASSED, 0));
    assertThat(mine.find(OTHER_TREE, gate, "make").map(GateOutcome::status))
        .contains(GateStatus.PASSED);
    assertThat(mine.find(TREE, gate, "make")).isEmpty();
  }

  @Test
  void theLadderDoesNotRunAGateAgainOnATreeItAlreadyGated() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path logs = dir.resolve("logs");
    GateLadder ladder =
        new GateLadder(
            new dev.lanes.process.ShellProcessRunner(),
            new FileGateCache(dir.resolve("gates.txt")));
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
    GateLadder ladder =
        new GateLadder(
            new dev.lanes.process.ShellProcessRunner(),
            new FileGateCache(dir.resolve("gates.txt")));
    List<Gate> slow =
        List.of(gate(1, "echo run >> runs.txt; sleep 5", Duration.ofMillis(200), PATCH));

    ladder.run(slow, PATCH, repo, Map.of(), ctx("A.java"), logs, TREE);
    LadderResult again = ladder.run(slow, PATCH, repo, Map.of(), ctx("A.java"), logs, TREE);
    List<Gate> quick = List.of(gate(1, "echo run >> runs.txt", PATCH));
    ladder.run(quick, PATCH, repo, Map.of(), ctx("A.java"), logs);
    ladder.run(quick, PATCH, repo, Map.of(), ctx("A.java"), logs);

    assertThat(again.outcomes().get(0).status()).isEqualTo(GateStatus.TIMED_OUT);
    assertThat(Files.readAllLines(repo.resolve("runs.txt"))).hasSize(4);
    assertThat(dir.resolve("gates.txt")).doesNotExist();
  }

  @Test
  void anyFieldsSurviveTheLineEncoding() {
    qt().withExamples(500)
        .forAll(lists().of(strings().allPossible().ofLengthBetween(0, 20)).ofSizeBetween(1, 8))
        .check(
            fields -> {
              String line = FileGateCache.encode(fields);
              return !line.contains("\n")
                  && !line.contains("\r")
                  && FileGateCache.decode(line).equals(fields);
            });
  }

  private static GateOutcome outcome(Gate gate, GateStatus status, int exit) {
    return new GateOutcome(
        gate, status, gate.command(), exit, Duration.ofSeconds(1), List.of("out"), Path.of("l"));
  }
}
