package dev.lanes.markdown;

import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableBody;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.util.ast.Node;
import dev.lanes.plan.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A table of AGENTS.md as plain cell texts with their positions, columns found by name. */
final class PolicyTable {
  /** One cell's plain text, trimmed, and where its text starts. */
  record Cell(String text, Position position) {}

  /** One body row; cells past its end read as empty, placed at the row. */
  record Row(Position position, List<Cell> cells) {
    Cell cell(int column) {
      return column < cells.size() ? cells.get(column) : new Cell("", position);
    }

    boolean blank() {
      return cells.stream().allMatch(c -> c.text().isEmpty());
    }
  }

  private final Position header;
  private final List<String> columns;
  private final List<Row> rows;

  private PolicyTable(Position header, List<String> columns, List<Row> rows) {
    this.header = header;
    this.columns = columns;
    this.rows = rows;
  }

  static PolicyTable of(TableBlock table, PolicyProblems where) {
    Position header = where.at(table.getStartOffset());
    List<String> columns = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
      if (part instanceof TableHead head && head.getFirstChild() instanceof TableRow row) {
        header = where.at(row.getStartOffset());
        for (Cell cell : cells(row, where)) {
          columns.add(cell.text().toLowerCase(Locale.ROOT));
        }
      } else if (part instanceof TableBody body) {
        for (Node row = body.getFirstChild(); row != null; row = row.getNext()) {
          if (row instanceof TableRow r) {
            rows.add(new Row(where.at(r.getStartOffset()), cells(r, where)));
          }
        }
      }
    }
    return new PolicyTable(header, List.copyOf(columns), List.copyOf(rows));
  }

  private static List<Cell> cells(TableRow row, PolicyProblems where) {
    List<Cell> cells = new ArrayList<>();
    for (Node n = row.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof TableCell cell) {
        String text = PolicyInline.plain(cell.getText(), true).trim();
        cells.add(new Cell(text, where.at(textStart(cell))));
      }
    }
    return List.copyOf(cells);
  }

  /** Where the cell's text starts, past its padding, so problems point at what was written. */
  private static int textStart(TableCell cell) {
    CharSequence text = cell.getText();
    int start = cell.getText().getStartOffset();
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() ? start + i : start;
  }

  Position header() {
    return header;
  }

  /** The index of the first column with this name, compared case-insensitively. */
  Optional<Integer> column(String name) {
    int i = columns.indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(i);
  }

  List<Row> rows() {
    return rows;
  }
}
