package dev.lanes.markdown;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.util.ast.Node;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Times;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes the Locks and Board tables into PLAN.md and keeps every other byte as it was.
 *
 * <p>Algorithm: parse the text with flexmark and find, for each of {@code ## Locks} and {@code ##
 * Board}, the first section with that heading and the first table in it. The table's range runs
 * from the first character of its header row to the end of its last row (its line terminator
 * excluded); only that range is replaced, by a table rendered afresh in the file's dominant line
 * ending. A section without a table gets one inserted after its heading line; a missing section is
 * appended at the end (Locks before Board). Invariants: the text outside the replaced ranges is
 * unchanged (a missing section only appends); reading the result gives back exactly the rows
 * written (for values without outer blanks or line breaks); writing the same rows again changes
 * nothing.
 */
public final class PlanTableWriter {
  private PlanTableWriter() {}

  public static String write(String source, List<LockRow> locks, List<BoardRow> board) {
    return write(MarkdownSource.parse(source), locks, board);
  }

  /** Writes the tables into the text {@code read} was read from, with the tree it parsed. */
  public static String write(PlanRead read, List<LockRow> locks, List<BoardRow> board) {
    return write(read.source(), locks, board);
  }

  private static String write(MarkdownSource md, List<LockRow> locks, List<BoardRow> board) {
    String source = md.text();
    String eol = lineEnding(source);
    List<Edit> edits = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    section(
            md,
            "Locks",
            table(LockRow.HEADER, locks.stream().map(PlanTableWriter::cells), eol),
            eol)
        .ifPresentOrElse(edits::add, () -> missing.add("Locks"));
    section(
            md,
            "Board",
            table(BoardRow.HEADER, board.stream().map(PlanTableWriter::cells), eol),
            eol)
        .ifPresentOrElse(edits::add, () -> missing.add("Board"));
    StringBuilder out = new StringBuilder(source);
    edits.sort(Comparator.comparingInt(Edit::from).reversed());
    for (Edit edit : edits) {
      out.replace(edit.from(), edit.to(), edit.text());
    }
    if (!missing.isEmpty()) {
      appendSections(md, out, missing, locks, board, eol);
    }
    return out.toString();
  }

  private record Edit(int from, int to, String text) {}

  /** Where a table is: from the first character of its header row to the end of its last row. */
  private record Range(int from, int to) {}

  private static Optional<Range> tableRange(MarkdownSource md, MarkdownSection section) {
    Optional<TableBlock> existing = section.firstTable();
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    int from = md.start(existing.get());
    int to = from;
    for (Node row : existing.get().getDescendants()) {
      if (row instanceof TableRow) {
        // The line terminator stays out of the range, so the text after the table keeps its own.
        to = Math.max(to, md.lineEnd(md.start(row)));
      }
    }
    return Optional.of(new Range(from, to));
  }

  private static Optional<Edit> section(MarkdownSource md, String name, String table, String eol) {
    List<MarkdownSection> sections = MarkdownSection.named(md.document(), name);
    if (sections.isEmpty()) {
      return Optional.empty();
    }
    MarkdownSection section = sections.get(0);
    Optional<Range> existing = tableRange(md, section);
    if (existing.isPresent()) {
      return Optional.of(new Edit(existing.get().from(), existing.get().to(), table));
    }
    String text = md.text();
    int headingEnd =
        md.lineEnd(Math.max(md.start(section.heading()), md.end(section.heading()) - 1));
    int at = md.nextLineStart(headingEnd);
    if (at == headingEnd) {
      // The heading is the last line and has no terminator.
      return Optional.of(new Edit(at, at, eol + eol + table + eol));
    }
    boolean blankFollows =
        at == text.length() || md.lineEnd(at) == at || text.substring(at, md.lineEnd(at)).isBlank();
    return Optional.of(new Edit(at, at, eol + table + eol + (blankFollows ? "" : eol)));
  }

  private static void appendSections(
      MarkdownSource md,
      StringBuilder out,
      List<String> missing,
      List<LockRow> locks,
      List<BoardRow> board,
      String eol) {
    if (out.length() > 0 && !endsWithTerminator(out)) {
      out.append(eol);
    }
    Node last = md.document().getLastChild();
    if (last instanceof FencedCodeBlock && ((FencedCodeBlock) last).getClosingMarker().isEmpty()) {
      // An unclosed fence would swallow the new heading; close it first.
      out.append(((FencedCodeBlock) last).getOpeningMarker()).append(eol);
    }
    if (out.length() > 0 && !endsWithBlankLine(out)) {
      out.append(eol);
    }
    boolean first = true;
    for (String name : missing) {
      if (!first) {
        out.append(eol);
      }
      first = false;
      String table =
          name.equals("Locks")
              ? table(LockRow.HEADER, locks.stream().map(PlanTableWriter::cells), eol)
              : table(BoardRow.HEADER, board.stream().map(PlanTableWriter::cells), eol);
      out.append("## ").append(name).append(eol).append(eol).append(table).append(eol);
    }
  }

  private static boolean endsWithTerminator(CharSequence s) {
    char c = s.charAt(s.length() - 1);
    return c == '\n' || c == '\r';
  }

  private static boolean endsWithBlankLine(CharSequence s) {
    int i = s.length();
    if (i == 0 || !endsWithTerminator(s)) {
      return false;
    }
    // Step over the last terminator, then look at the line before it.
    if (s.charAt(i - 1) == '\n' && i >= 2 && s.charAt(i - 2) == '\r') {
      i -= 2;
    } else {
      i -= 1;
    }
    int lineStart = i;
    while (lineStart > 0 && s.charAt(lineStart - 1) != '\n' && s.charAt(lineStart - 1) != '\r') {
      lineStart--;
    }
    return s.subSequence(lineStart, i).toString().isBlank();
  }

  /** CRLF when most line endings of the text are CRLF, else LF. */
  static String lineEnding(String text) {
    int crlf = 0;
    int lf = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (i > 0 && text.charAt(i - 1) == '\r') {
          crlf++;
        } else {
          lf++;
        }
      }
    }
    return crlf > lf ? "\r\n" : "\n";
  }

  static String table(List<String> header, java.util.stream.Stream<List<String>> rows, String eol) {
    StringBuilder out = new StringBuilder();
    out.append(TableCells.row(header)).append(eol).append(TableCells.separator(header.size()));
    rows.forEach(r -> out.append(eol).append(TableCells.row(r)));
    return out.toString();
  }

  static List<String> cells(LockRow row) {
    return List.of(
        row.lockId(),
        row.owner(),
        row.scope(),
        row.objective(),
        Times.format(row.start()),
        Times.format(row.heartbeat()),
        Times.format(row.expires()));
  }

  static List<String> cells(BoardRow row) {
    return List.of(
        row.lane().value(),
        row.status().word(),
        row.wave().isPresent() ? Integer.toString(row.wave().getAsInt()) : "",
        Integer.toString(row.attempt()),
        row.checkpoint(),
        row.updated().map(Times::format).orElse(""),
        row.note());
  }
}
