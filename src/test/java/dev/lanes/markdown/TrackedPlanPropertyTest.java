package dev.lanes.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lanes.plan.BoardRow;
import dev.lanes.plan.LockRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The store's fast path is invisible: over the random documents of {@link
 * PlanTableWriterPropertyTest} and several successive writes, a tracked plan's text is byte for
 * byte what the full writer writes, and its read is exactly what the full reader reads, lanes (with
 * their line numbers), locks, board and (no) problems.
 */
class TrackedPlanPropertyTest {

  @Test
  void successiveTrackedWritesEqualFullWritesAndFullReads() {
    AtomicInteger tracked = new AtomicInteger();
    AtomicInteger examples = new AtomicInteger();
    qt().withFixedSeed(20261126L)
        .withExamples(400)
        .withShrinkCycles(20)
        .forAll(PlanTableWriterPropertyTest.examples())
        .checkAssert(
            example -> {
              examples.incrementAndGet();
              // One full write first gives both tables valid rows, as a store's first write does.
              String start =
                  PlanTableWriter.write(example.source(), example.locks(), example.board());
              PlanRead first = PlanReader.read(start, PlanTableWriterPropertyTest.TODAY);
              Optional<TrackedPlan> plan =
                  TrackedPlan.of(start, first, PlanTableWriterPropertyTest.TODAY);
              if (plan.isEmpty()) {
                return;
              }
              tracked.incrementAndGet();
              assertThat(plan.get().read()).isEqualTo(first);
              String text = start;
              for (List<Object> rows : writes(example.locks(), example.board())) {
                @SuppressWarnings("unchecked")
                List<LockRow> locks = (List<LockRow>) rows.get(0);
                @SuppressWarnings("unchecked")
                List<BoardRow> board = (List<BoardRow>) rows.get(1);
                String full = PlanTableWriter.write(text, locks, board);
                Optional<TrackedPlan> next = plan.get().withTables(locks, board);
                assertThat(next)
                    .as("rows that read back cleanly stay on the fast path")
                    .isPresent();
                assertThat(next.get().text()).isEqualTo(full);
                assertThat(next.get().read())
                    .isEqualTo(PlanReader.read(full, PlanTableWriterPropertyTest.TODAY));
                assertThat(next.get().describes(full, PlanTableWriterPropertyTest.TODAY)).isTrue();
                assertThat(
                        next.get().describes(full, PlanTableWriterPropertyTest.TODAY.plusDays(1)))
                    .isFalse();
                text = full;
                plan = next;
              }
            });
    // The generator puts both tables after the lanes often enough for the fast path to be tried.
    assertThat(tracked.get()).isGreaterThan(examples.get() / 3);
  }

  /**
   * The example's rows, then fewer locks, then no locks and the board reversed, then as at first.
   */
  private static List<List<Object>> writes(List<LockRow> locks, List<BoardRow> board) {
    List<BoardRow> reversed = new ArrayList<>(board);
    java.util.Collections.reverse(reversed);
    return List.of(
        List.of(locks, board),
        List.of(locks.isEmpty() ? locks : locks.subList(1, locks.size()), board),
        List.of(List.of(), reversed),
        List.of(locks, board));
  }

  @Test
  void aPlanWithProblemsTablesAboveTheLanesOrAMissingTableIsNotTracked() {
    String lanes = "## Lanes\n\n### L-1: one\n- scope: `a/**`\n\n";
    String locks =
        "## Locks\n\n| lock_id | owner | scope | objective | start | heartbeat | expires |\n"
            + "|---|---|---|---|---|---|---|\n\n";
    String board =
        "## Board\n\n| lane | status | wave | attempt | checkpoint | updated | note |\n"
            + "|---|---|---|---|---|---|---|\n";
    for (String text :
        List.of(
            "# Plan\n\n" + locks + board + lanes,
            "# Plan\n\n" + lanes + locks,
            "# Plan\n\n" + lanes + locks + board + "| L-1 | nonsense | | | | | |\n")) {
      PlanRead read = PlanReader.read(text, PlanTableWriterPropertyTest.TODAY);
      assertThat(TrackedPlan.of(text, read, PlanTableWriterPropertyTest.TODAY)).as(text).isEmpty();
    }
    String good = "# Plan\n\n" + lanes + locks + board;
    PlanRead read = PlanReader.read(good, PlanTableWriterPropertyTest.TODAY);
    TrackedPlan plan = TrackedPlan.of(good, read, PlanTableWriterPropertyTest.TODAY).orElseThrow();
    // A note holding a line break needs the full writer and reader.
    BoardRow multiLine =
        new BoardRow(
            new dev.lanes.plan.LaneId("L-1"),
            dev.lanes.plan.BoardStatus.PLANNED,
            java.util.OptionalInt.empty(),
            0,
            "",
            Optional.empty(),
            "two\nlines");
    assertThat(plan.withTables(List.of(), List.of(multiLine))).isEmpty();
  }
}
