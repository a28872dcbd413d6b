package dev.lanes.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.error.Problem;
import dev.lanes.plan.AcceptanceItem;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.Located;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Position;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PlanReaderTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

  static final String CONTRACT_EXAMPLE =
      """
      # Plan

      ## Lanes

      ### L-001: Search modal focus loop
      - scope: `internal/tui/**`, `docs/tui.md`
      - out-of-scope: `internal/tui/legacy/**`
      - depends-on: L-000
      - agent: claude
      - tests: `just test-pkg ./internal/tui`
      - acceptance:
        - [ ] focus order matches spec
        - [ ] scope toggle keyboard-focusable

      Prose under a lane's list is context for its worker, passed on verbatim.

      ## Locks

      | lock_id | owner | scope | objective | start | heartbeat | expires |
      |---|---|---|---|---|---|---|

      ## Board

      | lane | status | wave | attempt | checkpoint | updated | note |
      |---|---|---|---|---|---|---|
      """;

  private static Located<String> at(String value, int line, int column) {
    return new Located<>(value, new Position(line, column));
  }

  private static Lane onlyLane(PlanRead read) {
    assertThat(read.plan().lanes()).hasSize(1);
    return read.plan().lanes().get(0);
  }

  @Test
  void readsTheContractExampleWithPositions() {
    PlanRead read = PlanReader.read(CONTRACT_EXAMPLE, TODAY);

    assertThat(read.problems()).isEmpty();
    Lane lane = onlyLane(read);
    assertThat(lane.id()).isEqualTo(new LaneId("L-001"));
    assertThat(lane.objective()).isEqualTo("Search modal focus loop");
    assertThat(lane.position()).isEqualTo(new Position(5, 1));
    assertThat(lane.scope())
        .containsExactly(at("internal/tui/**", 6, 11), at("docs/tui.md", 6, 30));
    assertThat(lane.outOfScope()).containsExactly(at("internal/tui/legacy/**", 7, 18));
    assertThat(lane.dependsOn()).containsExactly(at("L-000", 8, 15));
    assertThat(lane.agent()).contains(at("claude", 9, 10));
    assertThat(lane.tests()).contains(at("just test-pkg ./internal/tui", 10, 11));
    assertThat(lane.acceptance())
        .containsExactly(
            new AcceptanceItem("focus order matches spec", false, new Position(12, 5)),
            new AcceptanceItem("scope toggle keyboard-focusable", false, new Position(13, 5)));
    assertThat(lane.otherFields()).isEmpty();
    assertThat(lane.context())
        .isEqualTo("Prose under a lane's list is context for its worker, passed on verbatim.");
    assertThat(read.plan().locks()).isEmpty();
    assertThat(read.plan().board()).isEmpty();
    assertThat(read.plan().source()).isEqualTo(CONTRACT_EXAMPLE);
  }

  @Test
  void crlfFileGivesTheSamePositions() {
    PlanRead lf = PlanReader.read(CONTRACT_EXAMPLE, TODAY);
    PlanRead crlf = PlanReader.read(CONTRACT_EXAMPLE.replace("\n", "\r\n"), TODAY);

    assertThat(crlf.problems()).isEmpty();
    Lane a = onlyLane(lf);
    Lane b = onlyLane(crlf);
    assertThat(b.scope()).isEqualTo(a.scope());
    assertThat(b.dependsOn()).isEqualTo(a.dependsOn());
    assertThat(b.acceptance()).isEqualTo(a.acceptance());
    assertThat(b.position()).isEqualTo(a.position());
    assertThat(b.context()).isEqualTo(a.context());
  }

  @Test
  void byteOrderMarkIsNotAColumnAndDoesNotHideTheFirstHeading() {
    String text = "\uFEFF## Lanes\n### L-1: x\n- scope: a/**\n";

    Lane lane = onlyLane(PlanReader.read(text, TODAY));

    assertThat(lane.scope()).containsExactly(at("a/**", 3, 10));
  }

  @Test
  void scopeItemsWithOrWithoutBackticks() {
    String text =
        """
        ## Lanes
        ### A: plain
        - scope: a/**, b.md
        ### B: one span
        - scope: `a/**, b.md`
        ### C: tight
        - scope: `a/**`,`b.md`,
        ### D: nested list
        - scope:
          - `a/**`
          - b.md, c/
        - Depends-On: `A`, B
        """;

    List<Lane> lanes = PlanReader.read(text, TODAY).plan().lanes();

    assertThat(lanes).extracting(l -> l.id().value()).containsExactly("A", "B", "C", "D");
    assertThat(lanes.get(0).scope()).containsExactly(at("a/**", 3, 10), at("b.md", 3, 16));
    assertThat(lanes.get(1).scope()).containsExactly(at("a/**", 5, 11), at("b.md", 5, 17));
    assertThat(lanes.get(2).scope()).containsExactly(at("a/**", 7, 11), at("b.md", 7, 18));
    assertThat(lanes.get(3).scope())
        .containsExactly(at("a/**", 10, 6), at("b.md", 11, 5), at("c/", 11, 11));
    assertThat(lanes.get(3).dependsOn()).containsExactly(at("A", 12, 16), at("B", 12, 20));
  }

  @Test
  void unknownFieldsAreKeptInOrderWithLowerCaseKeys() {
    String text =
        """
        ## Lanes
        ### L-1: x
        - scope: a/**
        - Reviewer: `Ada Lovelace`
        - budget: 3 hours, no more
        """;

    Lane lane = onlyLane(PlanReader.read(text, TODAY));

    assertThat(lane.otherFields())
        .containsExactly(
            java.util.Map.entry("reviewer", at("Ada Lovelace", 4, 14)),
            java.util.Map.entry("budget", at("3 hours, no more", 5, 11)));
  }

  @Test
  void acceptanceItemsCheckedUncheckedAndPlain() {
    String text =
        """
        ## Lanes
        ### L-1: x
        - scope: a/**
        - acceptance:
          - [x] done already
          - [ ] still to do
          - plain wish
        """;

    Lane lane = onlyLane(PlanReader.read(text, TODAY));

    assertThat(lane.acceptance())
        .containsExactly(
            new AcceptanceItem("done already", true, new Position(5, 5)),
            new AcceptanceItem("still to do", false, new Position(6, 5)),
            new AcceptanceItem("plain wish", false, new Position(7, 5)));
  }

  @Test
  void contextIsTheOriginalTextVerbatimUpToTheNextLaneOrSection() {
    String prose =
        "First *paragraph*   \n"
            + "with\ttabs and ünïcödé 日本語 😀.\n"
            + "\n"
            + "#### A sub-heading stays context\n"
            + "\n"
            + "```\n"
            + "## Locks\n"
            + "| not | a | table |\n"
            + "```\n"
            + "\n"
            + "- another list, not fields";
    String text =
        "## Lanes\n### L-1: x\n- scope: a/**\n\n\n"
            + prose
            + "\n\n   \n### L-2: y\n- scope: b/**\n\nshort\n## Locks\n";

    PlanRead read = PlanReader.read(text, TODAY);

    assertThat(read.problems()).isEmpty();
    assertThat(read.plan().lanes().get(0).context()).isEqualTo(prose);
    assertThat(read.plan().lanes().get(1).context()).isEqualTo("short");
  }

  @Test
  void badLaneHeadingsAreProblemsAtTheHeading() {
    String text =
        """
        ## Lanes
        ### 1-bad: starts with a digit
        - scope: a/**
        ### no colon here
        - scope: b/**
        ### Good-1: fine
        - scope: c/**
        """;

    PlanRead read = PlanReader.read(text, TODAY);

    assertThat(read.problems())
        .extracting(Problem::line, Problem::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, 5), org.assertj.core.groups.Tuple.tuple(4, 5));
    assertThat(read.problems().get(0).message()).contains("1-bad", "### <id>: <objective>");
    assertThat(read.plan().lanes()).extracting(l -> l.id().value()).containsExactly("Good-1");
  }

  @Test
  void readsLockAndBoardRows() {
    String text =
        """
        ## Locks

        | Lock_ID | owner | scope | objective | start | heartbeat | expires |
        | --- | --- | --- | --- | --- | --- | --- |
        | L-001 | pid 41 | `a/**`, `b.md` | fix \\| things | 2026-11-22T14:10Z | 14:20 | 2026-11-22T14:40Z |

        ## Board

        | lane | status | wave | attempt | checkpoint | updated | note |
        |---|---|---|---|---|---|---|
        | L-001 | handed-off | 2 | 1 | abc123 | 2026-11-22T15:00Z | ok |
        | L-002 | Planned |  |  |  |  |  |
        """;

    PlanRead read = PlanReader.read(text, TODAY);

    assertThat(read.problems()).isEmpty();
    assertThat(read.plan().locks())
        .containsExactly(
            new LockRow(
                "L-001",
                "pid 41",
                "a/**, b.md",
                "fix | things",
                Instant.parse("2026-11-22T14:10:00Z"),
                Instant.parse("2026-11-22T14:20:00Z"),
                Instant.parse("2026-11-22T14:40:00Z")));
    assertThat(read.plan().board())
        .containsExactly(
            new BoardRow(
                new LaneId("L-001"),
                BoardStatus.HANDED_OFF,
                OptionalInt.of(2),
                1,
                "abc123",
                Optional.of(Instant.parse("2026-11-22T15:00:00Z")),
                "ok"),
            new BoardRow(
                new LaneId("L-002"),
                BoardStatus.PLANNED,
                OptionalInt.empty(),
                0,
                "",
                Optional.empty(),
                ""));
  }

  @Test
  void everyMalformedRowIsAProblemAtItsLineAndCell() {
    String text =
        """
        ## Locks

        | lock_id | owner | scope | objective | start | heartbeat | expires |
        |---|---|---|---|---|---|---|
        | L-1 | me | a/** | x | 2026-11-22T14:10Z | 14:20 |
        | L-2 | me | a/** | x | yesterday | 14:20 | 2026-11-22T14:40Z |
        | L-3 | me | a/** | x | 14:10 | 14:20 | 14:40 |

        ## Board

        | lane | status | wave | attempt | checkpoint | updated | note |
        |---|---|---|---|---|---|---|
        | L-1 | sleeping | 1 | 0 | | | |
        | 9x | running | one | 0 | | soon | |
        | L-3 | running | 1 | 2 | | | |
        """;

    PlanRead read = PlanReader.read(text, TODAY);

    assertThat(read.problems())
        .extracting(Problem::line, Problem::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(5, 1),
            org.assertj.core.groups.Tuple.tuple(6, 25),
            org.assertj.core.groups.Tuple.tuple(13, 9),
            org.assertj.core.groups.Tuple.tuple(14, 3),
            org.assertj.core.groups.Tuple.tuple(14, 18),
            org.assertj.core.groups.Tuple.tuple(14, 30));
    assertThat(read.problems().get(0).message()).contains("6 cells, expected 7");
    assertThat(read.problems().get(1).message()).contains("start `yesterday` is not a time");
    assertThat(read.problems().get(2).message()).contains("unknown status `sleeping`");
    assertThat(read.problems().get(3).message()).contains("`9x` is not a lane id");
    assertThat(read.problems().get(4).message()).contains("wave `one`");
    assertThat(read.problems().get(5).message()).contains("updated `soon`");
    assertThat(read.problems()).allMatch(p -> p.file().equals("PLAN.md"));
    assertThat(read.plan().locks()).extracting(LockRow::lockId).containsExactly("L-3");
    assertThat(read.plan().board()).extracting(r -> r.lane().value()).containsExactly("L-3");
  }

  @Test
  void wrongHeaderIsOneProblemAtTheHeaderRow() {
    String text = "## Board\n\n| lane | state | wave |\n|---|---|---|\n| L-1 | running | 1 |\n";

    PlanRead read = PlanReader.read(text, TODAY);

    assertThat(read.problems()).hasSize(1);
    assertThat(read.problems().get(0).line()).isEqualTo(3);
    assertThat(read.problems().get(0).message()).contains("| lane | status | wave | attempt |");
    assertThat(read.plan().board()).isEmpty();
  }

  @Test
  void sectionsInsideCodeFencesAreNotSections() {
    String text =
        "```\n## Locks\n\n| lock_id | owner |\n|---|---|\n| x | y |\n```\n\n"
            + "## Board\n\n| lane | status | wave | attempt | checkpoint | updated | note |\n"
            + "|---|---|---|---|---|---|---|\n| L-1 | running | | | | | |\n";

    PlanRead read = PlanReader.read(text, TODAY);

    assertThat(read.problems()).isEmpty();
    assertThat(read.plan().locks()).isEmpty();
    assertThat(read.plan().board()).hasSize(1);
  }

  @Test
  void headingsAreCaseInsensitiveAndDuplicateSectionsAreReported() {
    String text = "## LANES\n### L-1: x\n- scope: a\n## locks\n\n## Locks\n";

    PlanRead read = PlanReader.read(text, TODAY);

    assertThat(read.plan().lanes()).hasSize(1);
    assertThat(read.problems()).hasSize(1);
    assertThat(read.problems().get(0).line()).isEqualTo(6);
    assertThat(read.problems().get(0).message()).contains("second `## Locks`", "line 4");
  }

  @Test
  void duplicateFieldAndNonFieldItemAreProblems() {
    String text = "## Lanes\n### L-1: x\n- scope: a\n- scope: b\n- just a note\n";

    PlanRead read = PlanReader.read(text, TODAY);

    assertThat(read.problems()).extracting(Problem::line).containsExactly(4, 5);
    assertThat(onlyLane(read).scope()).extracting(Located::value).containsExactly("a");
  }
}
