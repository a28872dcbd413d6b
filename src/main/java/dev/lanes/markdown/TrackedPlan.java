package dev.lanes.markdown;

import com.vladsch.flexmark.util.ast.Node;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * PLAN.md's text as lanes last wrote it, with where its Locks and Board tables are, so that the
 * next write of the same writer re-reads and rewrites only the tables instead of parsing the whole
 * file again.
 *
 * <p>Why: every Board or lock change re-reads PLAN.md first (a person may have saved it meanwhile),
 * and a full read parses all of it with flexmark; in a 50-lane dispatch those parses were the
 * largest CPU cost of lanes' own (about 18 ms a lane). When the file still holds exactly what lanes
 * wrote, only the tables changed, and they are rendered by lanes itself.
 *
 * <p>The invariant, checked by a property test: {@code withTables(locks, board).text()} is exactly
 * {@link PlanTableWriter#write} of the same rows, and its {@link #read()} is exactly what {@link
 * PlanReader#read} gives for that text. Whenever that cannot be vouched for (a problem in the plan,
 * a missing table, tables above or inside the lanes, a row that would not read back cleanly) the
 * methods give empty and the caller reads and writes the full way.
 */
public final class TrackedPlan {
  private final String text;
  private final PlanRead read;
  private final LocalDate today;
  private final PlanTableWriter.Range locks;
  private final PlanTableWriter.Range board;
  // The rows of the current tables by their rendered line: a write changes a row or two, and
  // reading a row back (its times above all) is the costly part of a write on a long Board.
  private final Map<String, LockRow> lockLines;
  private final Map<String, BoardRow> boardLines;

  private TrackedPlan(
      String text,
      PlanRead read,
      LocalDate today,
      PlanTableWriter.Range locks,
      PlanTableWriter.Range board,
      Map<String, LockRow> lockLines,
      Map<String, BoardRow> boardLines) {
    this.text = text;
    this.read = read;
    this.today = today;
    this.locks = locks;
    this.board = board;
    this.lockLines = lockLines;
    this.boardLines = boardLines;
  }

  /**
   * The text's tables located, from a full {@code read} of it (read for {@code today}); empty when
   * the fast path cannot vouch for later writes.
   */
  public static Optional<TrackedPlan> of(String text, PlanRead read, LocalDate today) {
    if (!read.problems().isEmpty()) {
      return Optional.empty();
    }
    // The same String the read just parsed: the markdown tree is reused, not built again.
    MarkdownSource md = MarkdownSource.parse(text);
    Optional<PlanTableWriter.Range> locks = PlanTableWriter.tableRange(md, "Locks");
    Optional<PlanTableWriter.Range> board = PlanTableWriter.tableRange(md, "Board");
    if (locks.isEmpty() || board.isEmpty()) {
      return Optional.empty();
    }
    // Lanes keep their line numbers only when both tables come after every lane.
    int lanesEnd = lanesEnd(md);
    if (locks.get().from() < lanesEnd || board.get().from() < lanesEnd) {
      return Optional.empty();
    }
    return Optional.of(
        new TrackedPlan(text, read, today, locks.get(), board.get(), Map.of(), Map.of()));
  }

  /**
   * The rows as a full read would read their rendered lines, each decoded once: a line this plan
   * already holds reuses its row. {@code seen} receives every line with its row; empty when a row
   * would not read back.
   */
  private static <R> Optional<List<R>> readBack(
      List<List<String>> rows,
      Map<String, R> known,
      Map<String, R> seen,
      Function<String, Optional<R>> read) {
    List<R> out = new ArrayList<>();
    for (List<String> cells : rows) {
      String line = TableCells.row(cells);
      Optional<R> row = Optional.ofNullable(known.get(line)).or(() -> read.apply(line));
      if (row.isEmpty()) {
        return Optional.empty();
      }
      seen.put(line, row.get());
      out.add(row.get());
    }
    return Optional.of(out);
  }

  private static int lanesEnd(MarkdownSource md) {
    int end = 0;
    for (MarkdownSection lanes : MarkdownSection.named(md.document(), "Lanes")) {
      end = Math.max(end, md.end(lanes.heading()));
      for (Node block : lanes.blocks()) {
        end = Math.max(end, md.end(block));
      }
    }
    return end;
  }

  public String text() {
    return text;
  }

  public PlanRead read() {
    return read;
  }

  /** True when {@code current} is still exactly this text, read for the same day. */
  public boolean describes(String current, LocalDate day) {
    return today.equals(day) && text.equals(current);
  }

  /**
   * This plan with its tables rewritten to {@code lockRows} and {@code boardRows}, and read back,
   * without a markdown parse; empty when a row would not read back as written.
   */
  public Optional<TrackedPlan> withTables(List<LockRow> lockRows, List<BoardRow> boardRows) {
    List<List<String>> lockCells = lockRows.stream().map(PlanTableWriter::cells).toList();
    List<List<String>> boardCells = boardRows.stream().map(PlanTableWriter::cells).toList();
    // A value holding a line break would span lines and need the full reader to say what it is.
    if (Stream.concat(lockCells.stream(), boardCells.stream())
        .flatMap(List::stream)
        .anyMatch(v -> v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0)) {
      return Optional.empty();
    }
    Map<String, LockRow> nextLockLines = new HashMap<>();
    Optional<List<LockRow>> readLocks =
        readBack(lockCells, lockLines, nextLockLines, line -> PlanTables.lockRow(line, today));
    Map<String, BoardRow> nextBoardLines = new HashMap<>();
    Optional<List<BoardRow>> readBoard =
        readBack(boardCells, boardLines, nextBoardLines, line -> PlanTables.boardRow(line, today));
    if (readLocks.isEmpty() || readBoard.isEmpty()) {
      return Optional.empty();
    }
    String eol = PlanTableWriter.lineEnding(text);
    String lockTable = PlanTableWriter.table(LockRow.HEADER, lockCells.stream(), eol);
    String boardTable = PlanTableWriter.table(BoardRow.HEADER, boardCells.stream(), eol);
    boolean locksFirst = locks.from() < board.from();
    PlanTableWriter.Range first = locksFirst ? locks : board;
    PlanTableWriter.Range second = locksFirst ? board : locks;
    String firstTable = locksFirst ? lockTable : boardTable;
    String secondTable = locksFirst ? boardTable : lockTable;
    String next =
        text.substring(0, first.from())
            + firstTable
            + text.substring(first.to(), second.from())
            + secondTable
            + text.substring(second.to());
    int shift = firstTable.length() - (first.to() - first.from());
    PlanTableWriter.Range firstAfter =
        new PlanTableWriter.Range(first.from(), first.from() + firstTable.length());
    PlanTableWriter.Range secondAfter =
        new PlanTableWriter.Range(
            second.from() + shift, second.from() + shift + secondTable.length());
    Plan plan = new Plan(next, read.plan().lanes(), readLocks.get(), readBoard.get());
    return Optional.of(
        new TrackedPlan(
            next,
            new PlanRead(plan, List.of()),
            today,
            locksFirst ? firstAfter : secondAfter,
            locksFirst ? secondAfter : firstAfter,
            nextLockLines,
            nextBoardLines));
  }
}
