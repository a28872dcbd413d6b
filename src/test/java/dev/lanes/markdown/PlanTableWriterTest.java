package dev.lanes.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PlanTableWriterTest {
  private static final Instant T = Instant.parse("2026-11-22T14:10:00Z");
  private static final LockRow LOCK =
      new LockRow("L-1", "pid 7", "a/**, b|c", "fix it", T, T.plusSeconds(60), T.plusSeconds(1800));
  private static final BoardRow ROW =
      new BoardRow(
          new LaneId("L-1"),
          BoardStatus.RUNNING,
          OptionalInt.of(1),
          2,
          "",
          Optional.of(T),
          "line one\nline two");
  private static final String LOCKS_TABLE =
      "| lock_id | owner | scope | objective | start | heartbeat | expires |\n"
          + "|---|---|---|---|---|---|---|\n"
          + "| L-1 | pid 7 | a/**, b\\|c | fix it | 2026-11-22T14:10Z | 2026-11-22T14:11Z |"
          + " 2026-11-22T14:40Z |";
  private static final String BOARD_TABLE =
      "| lane | status | wave | attempt | checkpoint | updated | note |\n"
          + "|---|---|---|---|---|---|---|\n"
          + "| L-1 | running | 1 | 2 |  | 2026-11-22T14:10Z | line one line two |";

  private static PlanRead read(String text) {
    return PlanReader.read(text, LocalDate.of(2026, 11, 22));
  }

  @Test
  void missingSectionsAreAppendedLocksFirst() {
    String source = "# Plan\n\nSome text";

    String out = PlanTableWriter.write(source, List.of(LOCK), List.of(ROW));

    assertThat(out)
        .isEqualTo(
            "# Plan\n\nSome text\n\n## Locks\n\n"
                + LOCKS_TABLE
                + "\n\n## Board\n\n"
                + BOARD_TABLE
                + "\n");
    assertThat(read(out).plan().locks()).containsExactly(LOCK);
    assertThat(read(out).plan().board())
        .containsExactly(
            new BoardRow(
                ROW.lane(), ROW.status(), ROW.wave(), 2, "", ROW.updated(), "line one line two"));
  }

  @Test
  void emptyFileGetsBothSections() {
    String out = PlanTableWriter.write("", List.of(), List.of());

    assertThat(out)
        .isEqualTo(
            "## Locks\n\n| lock_id | owner | scope | objective | start | heartbeat | expires |\n"
                + "|---|---|---|---|---|---|---|\n\n## Board\n\n"
                + "| lane | status | wave | attempt | checkpoint | updated | note |\n"
                + "|---|---|---|---|---|---|---|\n");
  }

  @Test
  void sectionWithoutTableGetsOneRightAfterItsHeading() {
    String source = "## Locks\nLocks are listed here.\n\n## Board\n";

    String out = PlanTableWriter.write(source, List.of(LOCK), List.of());

    assertThat(out)
        .isEqualTo(
            "## Locks\n\n"
                + LOCKS_TABLE
                + "\n\nLocks are listed here.\n\n## Board\n\n"
                + "| lane | status | wave | attempt | checkpoint | updated | note |\n"
                + "|---|---|---|---|---|---|---|\n");
    assertThat(PlanTableWriter.write(out, List.of(LOCK), List.of())).isEqualTo(out);
  }

  @Test
  void onlyTheTableBytesChangeInACrlfFile() {
    String before = "# Plan  \r\n\r\n## Locks\r\n\r\nkept\t \r\n\r\n";
    String oldTable =
        "| lock_id | owner | scope | objective | start | heartbeat | expires |  \r\n"
            + "| --- | --- | --- | --- | --- | --- | --- |\r\n"
            + "| old | x | y | z | 10:00 | 10:00 | 10:00 |   ";
    String after = "\r\n\r\n## Board\r\n\r\n| a |\r\n|---|\r\n\r\ntail";
    String source = before + oldTable + after;

    String out = PlanTableWriter.write(source, List.of(LOCK), List.of());

    String crlfTable = LOCKS_TABLE.replace("\n", "\r\n");
    assertThat(out)
        .isEqualTo(
            before
                + crlfTable
                + after.replace(
                    "| a |\r\n|---|",
                    "| lane | status | wave | attempt | checkpoint | updated | note |\r\n"
                        + "|---|---|---|---|---|---|---|"));
    assertThat(read(out).plan().locks()).containsExactly(LOCK);
    assertThat(PlanTableWriter.write(out, List.of(LOCK), List.of())).isEqualTo(out);
  }

  @Test
  void byteOrderMarkStaysAndTheFirstHeadingStillCounts() {
    String source = "\uFEFF## Locks\n\n| lock_id | owner |\n|---|---|\n\n## Board\n";

    String out = PlanTableWriter.write(source, List.of(LOCK), List.of());

    assertThat(out).startsWith("\uFEFF## Locks\n\n" + LOCKS_TABLE + "\n\n## Board\n");
    assertThat(out).doesNotContain("lock_id | owner |\n|---|---|\n");
    assertThat(read(out).plan().locks()).containsExactly(LOCK);
  }

  @Test
  void locksHeadingInsideACodeFenceIsLeftAloneAndAnUnclosedFenceIsClosedFirst() {
    String source = "Text\n\n```\n## Locks\n| lock_id |\n|---|";

    String out = PlanTableWriter.write(source, List.of(LOCK), List.of());

    assertThat(out).startsWith(source + "\n```\n\n## Locks\n\n" + LOCKS_TABLE + "\n");
    assertThat(read(out).plan().locks()).containsExactly(LOCK);
  }

  @Test
  void backslashesBackticksAndPipesSurviveARoundTrip() {
    LockRow odd = new LockRow("`id`", "a\\|b", "\\", "x, `y`, z\\\\|", T, T, T);

    String out = PlanTableWriter.write("", List.of(odd), List.of());

    assertThat(read(out).problems()).isEmpty();
    assertThat(read(out).plan().locks()).containsExactly(odd);
  }
}
