package dev.lanes.markdown;

import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableBody;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.util.ast.Node;
import dev.lanes.error.Problem;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.plan.Position;
import dev.lanes.plan.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** Reads the Locks and Board tables of PLAN.md, one problem per bad header, row or cell. */
final class PlanTables {
  private final MarkdownSource source;
  private final LocalDate today;
  private final List<Problem> problems;
  private final List<LockRow> locks = new ArrayList<>();
  private final List<BoardRow> board = new ArrayList<>();

  PlanTables(MarkdownSource source, LocalDate today, List<Problem> problems) {
    this(source, today, problems, true);
  }

  private PlanTables(
      MarkdownSource source, LocalDate today, List<Problem> problems, boolean readTables) {
    this.source = source;
    this.today = today;
    this.problems = problems;
    if (readTables) {
      for (List<TableCells.Cell> row : rows("Locks", LockRow.HEADER)) {
        lock(row);
      }
      for (List<TableCells.Cell> row : rows("Board", BoardRow.HEADER)) {
        board(row);
      }
    }
  }

  /**
   * Reads one rendered Locks body row, exactly as a full read would read it from a table (the same
   * cell splitting and checks); empty when the row has a problem, whose position only a full read
   * can tell.
   */
  static Optional<LockRow> lockRow(String line, LocalDate today) {
    return readOne(line, today, LockRow.HEADER, PlanTables::lock, t -> t.locks);
  }

  /** Like {@link #lockRow} for a Board body row. */
  static Optional<BoardRow> boardRow(String line, LocalDate today) {
    return readOne(line, today, BoardRow.HEADER, PlanTables::board, t -> t.board);
  }

  private static <R> Optional<R> readOne(
      String line,
      LocalDate today,
      List<String> header,
      java.util.function.BiConsumer<PlanTables, List<TableCells.Cell>> read,
      java.util.function.Function<PlanTables, List<R>> rows) {
    PlanTables tables = detached(today);
    List<TableCells.Cell> cells = TableCells.split(line, 0, line.length());
    if (cells.size() != header.size()) {
      return Optional.empty();
    }
    read.accept(tables, cells);
    return tables.problems.isEmpty() ? rows.apply(tables).stream().findFirst() : Optional.empty();
  }

  // Problems are only counted there, never shown: the source only has to place offset 0.
  private static PlanTables detached(LocalDate today) {
    return new PlanTables(MarkdownSource.parse(""), today, new ArrayList<>(), false);
  }

  List<LockRow> locks() {
    return List.copyOf(locks);
  }

  List<BoardRow> board() {
    return List.copyOf(board);
  }

  /** The body rows of the section's first table, with the right number of cells. */
  private List<List<TableCells.Cell>> rows(String section, List<String> header) {
    List<MarkdownSection> sections = MarkdownSection.named(source.document(), section);
    for (MarkdownSection extra : sections.subList(Math.min(1, sections.size()), sections.size())) {
      problem(
          source.start(extra.heading()),
          "a second `## "
              + section
              + "` section; lanes reads and writes only the first one (line "
              + source.position(source.start(sections.get(0).heading())).line()
              + "): merge them");
    }
    if (sections.isEmpty()) {
      return List.of();
    }
    Optional<TableBlock> table = sections.get(0).firstTable();
    if (table.isEmpty()) {
      return List.of();
    }
    List<List<TableCells.Cell>> rows = new ArrayList<>();
    for (Node part = table.get().getFirstChild(); part != null; part = part.getNext()) {
      for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
        if (!(row instanceof TableRow)) {
          continue;
        }
        int start = source.start(row);
        List<TableCells.Cell> cells =
            TableCells.split(source.text(), source.lineStart(start), source.lineEnd(start));
        if (part instanceof TableHead) {
          List<String> names = cells.stream().map(c -> c.value().toLowerCase(Locale.ROOT)).toList();
          if (!names.equals(header)) {
            problem(
                start,
                "the "
                    + section
                    + " table's header must be `"
                    + TableCells.row(header)
                    + "`; lanes reads no row of it until it is");
            return List.of();
          }
        } else if (part instanceof TableBody) {
          if (cells.size() != header.size()) {
            problem(
                start,
                section
                    + " row has "
                    + cells.size()
                    + " cells, expected "
                    + header.size()
                    + " ("
                    + String.join(", ", header)
                    + ")");
          } else {
            rows.add(cells);
          }
        }
      }
    }
    return rows;
  }

  private void lock(List<TableCells.Cell> cells) {
    int before = problems.size();
    Optional<Instant> start = time(cells.get(4), "start", true);
    Optional<Instant> heartbeat = time(cells.get(5), "heartbeat", true);
    Optional<Instant> expires = time(cells.get(6), "expires", true);
    if (problems.size() == before) {
      locks.add(
          new LockRow(
              cells.get(0).value(),
              cells.get(1).value(),
              cells.get(2).value(),
              cells.get(3).value(),
              start.orElseThrow(),
              heartbeat.orElseThrow(),
              expires.orElseThrow()));
    }
  }

  private void board(List<TableCells.Cell> cells) {
    int before = problems.size();
    TableCells.Cell laneCell = cells.get(0);
    if (!LaneId.isValid(laneCell.value())) {
      problem(
          laneCell.offset(),
          "Board row: `"
              + laneCell.value()
              + "` is not a lane id (a letter, then letters, digits, `.`, `_` or `-`)");
    }
    TableCells.Cell statusCell = cells.get(1);
    Optional<BoardStatus> status = BoardStatus.parse(statusCell.value());
    if (status.isEmpty()) {
      problem(
          statusCell.offset(),
          "Board row: unknown status `"
              + statusCell.value()
              + "`; use one of "
              + Arrays.stream(BoardStatus.values())
                  .map(BoardStatus::word)
                  .collect(Collectors.joining(", ")));
    }
    OptionalInt wave = number(cells.get(2), "wave");
    OptionalInt attempt = number(cells.get(3), "attempt");
    Optional<Instant> updated = time(cells.get(5), "updated", false);
    if (problems.size() == before) {
      board.add(
          new BoardRow(
              new LaneId(laneCell.value()),
              status.orElseThrow(),
              wave,
              attempt.orElse(0),
              cells.get(4).value(),
              updated,
              cells.get(6).value()));
    }
  }

  private Optional<Instant> time(TableCells.Cell cell, String column, boolean required) {
    if (cell.value().isEmpty()) {
      if (required) {
        problem(
            cell.offset(),
            "Locks row: " + column + " is empty; write a time like " + "2026-11-22T14:10Z");
      }
      return Optional.empty();
    }
    Optional<Instant> time = Times.parse(cell.value(), today);
    if (time.isEmpty()) {
      problem(
          cell.offset(),
          (required ? "Locks" : "Board")
              + " row: "
              + column
              + " `"
              + cell.value()
              + "` is not a time; write it like 2026-11-22T14:10Z or 14:10");
    }
    return time;
  }

  private OptionalInt number(TableCells.Cell cell, String column) {
    String v = cell.value();
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    if (v.matches("\\d{1,9}")) {
      return OptionalInt.of(Integer.parseInt(v));
    }
    problem(cell.offset(), "Board row: " + column + " `" + v + "` is not a whole number");
    return OptionalInt.empty();
  }

  private void problem(int offset, String message) {
    Position at = source.position(offset);
    problems.add(new Problem(Plan.FILE, at.line(), at.column(), message));
  }
}
