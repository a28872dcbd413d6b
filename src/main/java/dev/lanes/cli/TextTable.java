package dev.lanes.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain aligned text table for terminal output: the header, a rule, the rows. */
final class TextTable {
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... header) {
    rows.add(List.of(header));
  }

  void row(String... cells) {
    rows.add(List.of(cells));
  }

  void print(PrintWriter out) {
    int[] width = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int c = 0; c < width.length; c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    List<List<String>> lines = new ArrayList<>(rows);
    lines.add(1, Arrays.stream(width).mapToObj("-"::repeat).toList());
    for (List<String> row : lines) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        line.append(c > 0 ? "  " : "").append(row.get(c));
        line.append(" ".repeat(width[c] - row.get(c).length()));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
