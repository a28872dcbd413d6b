package dev.lanes.markdown;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.lanes.plan.Position;
import java.util.Arrays;
import java.util.List;

/**
 * A markdown text parsed by flexmark, with offsets into the original string and 1-based positions.
 *
 * <p>A leading byte-order mark is cut off before parsing (flexmark would read {@code \uFEFF## X} as
 * a paragraph) and added back to every offset, so offsets always index the original text.
 */
final class MarkdownSource {
  private static final Parser PARSER = parser();

  private final String text;
  private final int base;
  private final Document document;
  private final int[] lineStarts;

  private MarkdownSource(String text) {
    this.text = text;
    this.base = text.startsWith("\uFEFF") ? 1 : 0;
    this.document = PARSER.parse(text.substring(base));
    this.lineStarts = lineStarts(text);
  }

  static MarkdownSource parse(String text) {
    return new MarkdownSource(text);
  }

  private static Parser parser() {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    // Captions and column spans would make "[x]" lines and "||" mean something else than rows.
    options.set(TablesExtension.WITH_CAPTION, false);
    options.set(TablesExtension.COLUMN_SPANS, false);
    return ThematicBreaks.parser(options).build();
  }

  String text() {
    return text;
  }

  Document document() {
    return document;
  }

  int start(Node node) {
    return base + node.getStartOffset();
  }

  int end(Node node) {
    return base + node.getEndOffset();
  }

  /** Offset of a flexmark sequence offset in the original text. */
  int offset(int parsedOffset) {
    return base + parsedOffset;
  }

  Position position(int offset) {
    int line = Arrays.binarySearch(lineStarts, offset);
    if (line < 0) {
      line = -line - 2;
    }
    int lineStart = line == 0 ? base : lineStarts[line];
    return new Position(line + 1, Math.max(1, offset - lineStart + 1));
  }

  /** The offset of the first character of the line holding {@code offset}. */
  int lineStart(int offset) {
    int i = Math.min(offset, text.length());
    while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
      i--;
    }
    return i;
  }

  /** The offset of the line terminator (or the end of text) of the line holding {@code offset}. */
  int lineEnd(int offset) {
    int i = offset;
    while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /** The offset just past the line terminator of the line holding {@code offset}. */
  int nextLineStart(int offset) {
    int i = lineEnd(offset);
    if (i < text.length() && text.charAt(i) == '\r') {
      i++;
      if (i < text.length() && text.charAt(i) == '\n') {
        i++;
      }
    } else if (i < text.length()) {
      i++;
    }
    return i;
  }

  private static int[] lineStarts(String text) {
    int[] starts = new int[16];
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean terminator =
          c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
      if (terminator) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, count);
  }
}
