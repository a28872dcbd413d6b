package dev.lanes.markdown;

import dev.lanes.plan.Position;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds lists and block quotes nested deeper than {@link #LIMIT} levels in raw markdown, before
 * flexmark sees it: flexmark's list parsing grows faster than the nesting (a list 1,000 levels deep
 * took 0.7 s to parse, 3,000 levels 14 s, 30,000 on one line more than a minute), so such a text is
 * refused as bad input instead of parsed.
 *
 * <p>The scan follows CommonMark's container rules line by line: an open block quote continues on a
 * line with its {@code >}, an open list item on a blank line or one indented to its content column;
 * then new {@code >} and list markers ({@code -}, {@code +}, {@code *}, {@code 1.}, {@code 1)})
 * open deeper levels, unless what follows is indented code or a thematic break. Lines inside a
 * fenced code block open nothing. It ignores lazy continuation lines (which only makes it count
 * fewer levels than flexmark, never more), so text it lets through parses in time proportional to
 * its length.
 */
final class NestingDepth {
  /** The deepest nesting of lists and block quotes lanes reads. */
  static final int LIMIT = 100;

  private static final int QUOTE = -1;

  private final String text;
  // The open containers, outermost first: QUOTE, or a list item's content column.
  private int[] open = new int[16];
  private int depth;
  private int fenceDepth = -1;
  private char fenceMark;
  private int fenceLength;

  private NestingDepth(String text) {
    this.text = text;
  }

  /** Where the first list or quote that opens level {@code LIMIT + 1} starts, if any does. */
  static Optional<Position> tooDeep(String text) {
    return new NestingDepth(text).scan();
  }

  /** The problem message for a text {@link #tooDeep} refused. */
  static String message() {
    return "lists and block quotes nest more than "
        + LIMIT
        + " levels deep here; lanes reads at most "
        + LIMIT
        + ": flatten them";
  }

  private Optional<Position> scan() {
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    int lineNumber = 1;
    while (start <= text.length()) {
      int end = start;
      while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      int at = line(start, end);
      if (at >= 0) {
        int lineStart = lineNumber == 1 ? (text.startsWith("\uFEFF") ? 1 : 0) : start;
        return Optional.of(new Position(lineNumber, at - lineStart + 1));
      }
      if (end >= text.length()) {
        break;
      }
      start = end + (text.startsWith("\r\n", end) ? 2 : 1);
      lineNumber++;
    }
    return Optional.empty();
  }

  /** Reads one line; the offset of the marker that opens level LIMIT + 1, or -1. */
  private int line(int start, int end) {
    boolean blank = text.substring(start, end).isBlank();
    int pos = start;
    int col = 0;
    int matched = 0;
    for (; matched < depth; matched++) {
      if (open[matched] == QUOTE) {
        int p = skipBlanks(pos, col, col + 3, end);
        if (p >= end || text.charAt(p) != '>') {
          break;
        }
        col = column(pos, col, p) + 1;
        pos = p + 1;
        if (pos < end && text.charAt(pos) == ' ') {
          pos++;
          col++;
        }
      } else if (!blank) {
        int p = skipBlanks(pos, col, open[matched], end);
        int c = column(pos, col, p);
        if (c < open[matched]) {
          break;
        }
        pos = p;
        col = open[matched];
      }
    }
    depth = matched;
    if (fenceDepth >= 0) {
      if (depth < fenceDepth || closesFence(pos, end)) {
        fenceDepth = -1;
      }
      return -1;
    }
    while (true) {
      int p = skipBlanks(pos, col, Integer.MAX_VALUE, end);
      int c = column(pos, col, p);
      if (p >= end || c - col >= 4) {
        return -1;
      }
      char ch = text.charAt(p);
      int markerEnd = listMarkerEnd(p, end);
      if (ch == '>') {
        push(QUOTE);
        pos = p + 1;
        col = c + 1;
        if (pos < end && text.charAt(pos) == ' ') {
          pos++;
          col++;
        }
      } else if (markerEnd > 0 && !ThematicBreaks.isBreak(text.subSequence(p, end), 0)) {
        int markerCol = c + (markerEnd - p);
        int q = skipBlanks(markerEnd, markerCol, Integer.MAX_VALUE, end);
        int spaces = column(markerEnd, markerCol, q) - markerCol;
        int content = q >= end || spaces > 4 ? markerCol + 1 : markerCol + spaces;
        push(content);
        pos = markerEnd;
        col = markerCol;
        if (q < end && spaces <= 4) {
          pos = q;
          col = content;
        }
      } else {
        opensFence(p, end);
        return -1;
      }
      if (depth > LIMIT) {
        return p;
      }
    }
  }

  private void push(int container) {
    if (depth == open.length) {
      open = Arrays.copyOf(open, depth * 2);
    }
    open[depth++] = container;
  }

  /** The offset after a list marker at {@code p} followed by a blank or the line end, or -1. */
  private int listMarkerEnd(int p, int end) {
    char ch = text.charAt(p);
    int after;
    if (ch == '-' || ch == '+' || ch == '*') {
      after = p + 1;
    } else {
      int q = p;
      while (q < end && q - p < 9 && Character.isDigit(text.charAt(q)) && text.charAt(q) < 128) {
        q++;
      }
      if (q == p || q >= end || (text.charAt(q) != '.' && text.charAt(q) != ')')) {
        return -1;
      }
      after = q + 1;
    }
    return after >= end || text.charAt(after) == ' ' || text.charAt(after) == '\t' ? after : -1;
  }

  private void opensFence(int p, int end) {
    char ch = text.charAt(p);
    if (ch != '`' && ch != '~') {
      return;
    }
    int q = p;
    while (q < end && text.charAt(q) == ch) {
      q++;
    }
    if (q - p >= 3 && (ch == '~' || text.substring(q, end).indexOf('`') < 0)) {
      fenceDepth = depth;
      fenceMark = ch;
      fenceLength = q - p;
    }
  }

  private boolean closesFence(int pos, int end) {
    int p = pos;
    while (p < end && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
      p++;
    }
    int q = p;
    while (q < end && text.charAt(q) == fenceMark) {
      q++;
    }
    return q - p >= fenceLength && text.substring(q, end).isBlank();
  }

  /** Skips spaces and tabs from {@code p} (at column {@code col}) while the column stays below. */
  private int skipBlanks(int p, int col, int limit, int end) {
    int c = col;
    while (p < end && c < limit) {
      char ch = text.charAt(p);
      if (ch == ' ') {
        c++;
      } else if (ch == '\t') {
        c += 4 - c % 4;
      } else {
        break;
      }
      p++;
    }
    return p;
  }

  /** The column at offset {@code to}, counting blanks from {@code from} at column {@code col}. */
  private int column(int from, int col, int to) {
    int c = col;
    for (int p = from; p < to; p++) {
      c += text.charAt(p) == '\t' ? 4 - c % 4 : 1;
    }
    return c;
  }
}
