package dev.lanes.markdown;

import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.AbstractBlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockStart;
import com.vladsch.flexmark.parser.block.CustomBlockParserFactory;
import com.vladsch.flexmark.parser.block.MatchedBlockParser;
import com.vladsch.flexmark.parser.block.ParserState;
import com.vladsch.flexmark.parser.core.BlockQuoteParser;
import com.vladsch.flexmark.parser.core.FencedCodeBlockParser;
import com.vladsch.flexmark.parser.core.HeadingParser;
import com.vladsch.flexmark.parser.core.HtmlBlockParser;
import com.vladsch.flexmark.parser.core.IndentedCodeBlockParser;
import com.vladsch.flexmark.parser.core.ListBlockParser;
import com.vladsch.flexmark.parser.core.ThematicBreakParser;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Set;

/**
 * flexmark's thematic break ({@code ---}, {@code * * *}, {@code ___}), recognised by a scan of the
 * line instead of flexmark's regular expression {@code (?:-[ \t]*){3,}}: Java runs a repeated group
 * by recursion, one stack frame set per mark, so a line of ~1,500 {@code -} or {@code - } marks
 * (even one that is not a break, such as {@code - - - … x}) overflowed the stack in every command.
 * The scan accepts exactly what the expression accepts and keeps flexmark's order of block starts
 * (after quotes, headings, fences and HTML; before lists and indented code).
 */
final class ThematicBreaks implements CustomBlockParserFactory {

  /** The parser options with flexmark's own thematic break replaced by this one. */
  static Parser.Builder parser(MutableDataSet options) {
    options.set(Parser.THEMATIC_BREAK_PARSER, false);
    return Parser.builder(options).customBlockParserFactory(new ThematicBreaks());
  }

  /**
   * Whether {@code line} from {@code from} on is a thematic break: three or more of one of {@code
   * -}, {@code *} or {@code _}, with only spaces and tabs between and after them.
   */
  static boolean isBreak(CharSequence line, int from) {
    int i = from;
    int end = line.length();
    while (end > i && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    if (i >= end) {
      return false;
    }
    char mark = line.charAt(i);
    if (mark != '-' && mark != '*' && mark != '_') {
      return false;
    }
    int marks = 0;
    for (; i < end; i++) {
      char c = line.charAt(i);
      if (c == mark) {
        marks++;
      } else if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return marks >= 3;
  }

  @Override
  public BlockParserFactory apply(DataHolder options) {
    return new Factory(options);
  }

  @Override
  public Set<Class<?>> getAfterDependents() {
    return Set.of(
        BlockQuoteParser.Factory.class,
        HeadingParser.Factory.class,
        FencedCodeBlockParser.Factory.class,
        HtmlBlockParser.Factory.class);
  }

  @Override
  public Set<Class<?>> getBeforeDependents() {
    return Set.of(ListBlockParser.Factory.class, IndentedCodeBlockParser.Factory.class);
  }

  @Override
  public boolean affectsGlobalScope() {
    return false;
  }

  private static final class Factory extends AbstractBlockParserFactory {
    private final boolean relaxedStart;

    Factory(DataHolder options) {
      super(options);
      this.relaxedStart = Parser.THEMATIC_BREAK_RELAXED_START.get(options);
    }

    @Override
    public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
      if (state.getIndent() >= 4
          || (matched.getBlockParser().isParagraphParser() && !relaxedStart)) {
        return BlockStart.none();
      }
      BasedSequence line = state.getLine();
      if (!isBreak(line, state.getNextNonSpaceIndex())) {
        return BlockStart.none();
      }
      return BlockStart.of(new ThematicBreakParser(line.subSequence(state.getIndex())))
          .atIndex(line.length());
    }
  }
}
