package dev.lanes.markdown;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a pipe-table row into cells and renders values into cells, so that reading what was
 * rendered gives the value back.
 *
 * <p>A {@code |} preceded by a backslash escape is text, not a separator (as in GFM). Reading a
 * cell trims it, turns {@code \\}, {@code \|} and {@code \`} into the plain character and drops
 * unescaped backticks at the cell's ends and around commas ({@code `a/**`, `b.md`} reads as {@code
 * a/**, b.md}). Rendering escapes exactly what reading would otherwise change.
 */
final class TableCells {
  private TableCells() {}

  /** One cell of a row: its decoded value and the offset of its first character. */
  record Cell(String value, int offset) {}

  /** The cells of the row written in {@code text} between {@code from} and {@code to}. */
  static List<Cell> split(String text, int from, int to) {
    int s = strippedStart(text, from, to);
    int e = strippedEnd(text, s, to);
    if (s < e && text.charAt(s) == '|') {
      s++;
    }
    if (e > s && text.charAt(e - 1) == '|' && backslashesBefore(text, e - 1, s) % 2 == 0) {
      e--;
    }
    List<Cell> cells = new ArrayList<>();
    int cellStart = s;
    int i = s;
    while (i < e) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '|') {
        cells.add(cell(text, cellStart, i));
        cellStart = i + 1;
        i++;
      } else {
        i++;
      }
    }
    cells.add(cell(text, cellStart, e));
    return cells;
  }

  private static Cell cell(String text, int from, int to) {
    int s = strippedStart(text, from, to);
    return new Cell(decode(text.substring(s, strippedEnd(text, s, to))), s);
  }

  private static int strippedStart(String text, int from, int to) {
    int s = from;
    while (s < to && isBlank(text.charAt(s))) {
      s++;
    }
    return s;
  }

  private static int strippedEnd(String text, int from, int to) {
    int e = to;
    while (e > from && isBlank(text.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  private static int backslashesBefore(String text, int index, int floor) {
    int n = 0;
    for (int i = index - 1; i >= floor && text.charAt(i) == '\\'; i--) {
      n++;
    }
    return n;
  }

  private static String decode(String raw) {
    StringBuilder chars = new StringBuilder();
    List<Boolean> escaped = new ArrayList<>();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() && isEscapable(raw.charAt(i + 1))) {
        chars.append(raw.charAt(i + 1));
        escaped.add(true);
        i++;
      } else {
        chars.append(c);
        escaped.add(false);
      }
    }
    boolean[] drop = new boolean[chars.length()];
    int pieceStart = 0;
    for (int i = 0; i <= chars.length(); i++) {
      if (i == chars.length() || (chars.charAt(i) == ',' && !escaped.get(i))) {
        for (int j = pieceStart; j < i && isBacktickOrBlank(chars, escaped, j); j++) {
          drop[j] = chars.charAt(j) == '`';
        }
        for (int j = i - 1; j >= pieceStart && isBacktickOrBlank(chars, escaped, j); j--) {
          drop[j] = chars.charAt(j) == '`';
        }
        pieceStart = i + 1;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < chars.length(); i++) {
      if (!drop[i]) {
        out.append(chars.charAt(i));
      }
    }
    return out.toString().trim();
  }

  private static boolean isBacktickOrBlank(CharSequence chars, List<Boolean> escaped, int i) {
    char c = chars.charAt(i);
    return isBlank(c) || (c == '`' && !escaped.get(i));
  }

  private static boolean isEscapable(char c) {
    return c == '\\' || c == '|' || c == '`';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** The text of a cell holding {@code value}; newlines become spaces. */
  static String render(String value) {
    String flat = value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < flat.length(); i++) {
      char c = flat.charAt(i);
      if (c == '|' || c == '`') {
        out.append('\\').append(c);
      } else if (c == '\\' && i + 1 < flat.length() && isEscapable(flat.charAt(i + 1))) {
        out.append("\\\\");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A whole row: {@code | a | b |}. */
  static String row(List<String> values) {
    StringBuilder out = new StringBuilder("|");
    for (String v : values) {
      out.append(' ').append(render(v)).append(" |");
    }
    return out.toString();
  }

  /** The separator row for {@code columns} columns: {@code |---|---|}. */
  static String separator(int columns) {
    return "|" + "---|".repeat(columns);
  }
}
