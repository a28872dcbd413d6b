package dev.lanes.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lanes.plan.LaneId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class LedgerFactsTest {
  private static final LaneId LANE = LedgerEntryTest.LANE;
  private static final Instant AT = LedgerEntryTest.AT;

  /** Pieces that could confuse a reader: headings, fences, escapes, items, line endings. */
  private static final List<String> PIECES =
      List.of(
          "#",
          "## Next",
          "## Done",
          "```",
          "~~~",
          "\\",
          "`",
          " ",
          "\n",
          "\r\n",
          "\r",
          "a",
          "none",
          "- At: 2020-01-01T00:00Z",
          "\t",
          "é",
          "   ## x",
          "# Checkpoint: L-9 attempt 9");

  private static Gen<String> texts() {
    return lists()
        .of(integers().between(0, PIECES.size() - 1))
        .ofSizeBetween(0, 14)
        .map(ix -> ix.stream().map(PIECES::get).collect(Collectors.joining()));
  }

  @Test
  void checkpointsReadBackEqual() {
    qt().withExamples(500)
        .forAll(texts(), texts(), integers().between(1, 50))
        .checkAssert(
            (done, next, attempt) -> {
              CheckpointEntry entry = new CheckpointEntry(LANE, attempt, done, next, AT);
              LedgerFacts facts = LedgerFacts.of(List.of(entry.render()));
              assertThat(facts.lastCheckpoint()).contains(entry);
              assertThat(facts.attempts()).containsExactly(attempt);
            });
  }

  @Test
  void failuresReadBackEqual() {
    qt().withExamples(300)
        .forAll(texts(), texts(), texts(), texts())
        .checkAssert(
            (signature, failure, approval, tail) -> {
              FailureEntry entry =
                  new FailureEntry(
                      LANE,
                      3,
                      "gate",
                      signature,
                      failure,
                      "impact " + failure,
                      Optional.of(approval),
                      tail,
                      tail,
                      AT);
              assertThat(LedgerFacts.of(List.of(entry.render())).lastFailure()).contains(entry);
            });
  }

  @Test
  void factsOfAWholeLaneHistory() {
    CheckpointEntry first = new CheckpointEntry(LANE, 1, "parsed the modal", "fix focus", AT);
    CheckpointEntry second = new CheckpointEntry(LANE, 2, "fixed focus", "tests", AT);
    FailureEntry failed = LedgerEntryTest.failure();
    List<String> texts =
        List.of(
            dispatch(1, "L-3#4").render(),
            first.render(),
            failed.render(),
            new ApprovalEntry(LANE, "go get example.com/x", "alice", AT).render(),
            new ApprovalEntry(LANE, "go get example.com/x", "bob", AT).render(),
            new ReclaimEntry(LANE, "L-3#4", "pid 1", "stale", "bob", AT).render(),
            dispatch(2, "L-3#12").render(),
            second.render(),
            new ApprovalEntry(LANE, "rm -rf build", "alice", AT).render(),
            LedgerEntryTest.handoff().render(),
            LedgerEntryTest.integration().render());

    LedgerFacts facts = LedgerFacts.of(texts);

    assertThat(facts.lastCheckpoint()).contains(second);
    assertThat(facts.lastFailure()).contains(failed);
    assertThat(facts.lastFailure().get().failureKind()).isEqualTo("exit 3");
    assertThat(facts.lastFailure().get().signature()).isEqualTo("panic: nil map");
    assertThat(facts.lastFailure().get().remediation())
        .isEqualTo("resume after approving the install");
    assertThat(facts.approvedScopes()).containsExactly("go get example.com/x", "rm -rf build");
    assertThat(facts.highestFence()).isEqualTo(12);
    assertThat(facts.attempts()).containsExactly(1, 2);
  }

  @Test
  void nothingRecordedAndForeignTextGiveNoFacts() {
    assertThat(LedgerFacts.of(List.of())).isEqualTo(LedgerFacts.EMPTY);
    assertThat(LedgerFacts.of(List.of("", "# Notes\n\nhello\n", "- Lock: L-3#99\n")))
        .isEqualTo(LedgerFacts.EMPTY);
  }

  private static DispatchEntry dispatch(int attempt, String lockId) {
    return new DispatchEntry(LANE, attempt, lockId, "claude", "c", "w", "b", "base", "`x/**`", AT);
  }
}
