package dev.lanes.init;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a markdown reader sees in a text: its headings and the tables under each, with each cell as
 * a reader would take it (trimmed, backticks removed, {@code \|} unescaped). A stand-in for the
 * project's own readers, which are written in parallel.
 */
final class MarkdownShape {

  private static final Parser PARSER =
      Parser.builder(new MutableDataSet().set(Parser.EXTENSIONS, List.of(TablesExtension.create())))
          .build();

  final List<String> headings = new ArrayList<>();
  // Keyed by the heading text the table follows; every table row including the header row.
  final Map<String, List<List<String>>> tables = new LinkedHashMap<>();

  static MarkdownShape of(String markdown) {
    MarkdownShape shape = new MarkdownShape();
    String current = "";
    for (Node node : PARSER.parse(markdown).getChildren()) {
      if (node instanceof Heading h) {
        current = "#".repeat(h.getLevel()) + " " + h.getText().toString();
        shape.headings.add(current);
      } else if (node instanceof TableBlock table) {
        List<List<String>> rows = new ArrayList<>();
        for (Node row : table.getDescendants()) {
          if (row instanceof TableRow && !(row.getParent() instanceof TableSeparator)) {
            List<String> cells = new ArrayList<>();
            for (Node cell : row.getChildren()) {
              if (cell instanceof TableCell c) {
                cells.add(cellValue(c.getText().toString()));
              }
            }
            rows.add(cells);
          }
        }
        shape.tables.put(current, rows);
      }
    }
    return shape;
  }

  private static String cellValue(String raw) {
    String text = raw.strip();
    if (text.length() >= 2 && text.startsWith("`") && text.endsWith("`")) {
      text = text.substring(1, text.length() - 1);
    }
    return text.replace("\\|", "|");
  }
}
