package dev.lanes.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scanned thematic break parses every text exactly as flexmark's own, minus the overflow. */
class ThematicBreaksTest {
  private static final String ALPHABET = "-*_ \t\nx>1.|`#=\r+";

  private static MutableDataSet options() {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    return options;
  }

  private static final Parser FLEXMARK = Parser.builder(options()).build();
  private static final Parser SCANNED = ThematicBreaks.parser(options()).build();

  private static String tree(Node node) {
    StringBuilder out = new StringBuilder();
    tree(node, out, 0);
    return out.toString();
  }

  private static void tree(Node node, StringBuilder out, int depth) {
    out.append(" ".repeat(depth))
        .append(node.getClass().getSimpleName())
        .append(' ')
        .append(node.getStartOffset())
        .append('-')
        .append(node.getEndOffset())
        .append('\n');
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      tree(child, out, depth + 1);
    }
  }

  @Test
  void randomTextsParseToTheSameTree() {
    qt().withExamples(3000)
        .forAll(lists().of(integers().between(0, ALPHABET.length() - 1)).ofSizeBetween(1, 30))
        .checkAssert(
            picks -> {
              StringBuilder text = new StringBuilder();
              picks.forEach(i -> text.append(ALPHABET.charAt(i)));
              String t = text.toString();
              assertThat(tree(SCANNED.parse(t))).as(t).isEqualTo(tree(FLEXMARK.parse(t)));
            });
  }

  @Test
  void aLineOfThousandsOfMarksParses() {
    // flexmark's own expression overflowed the stack on ~1,500 marks.
    assertThat(SCANNED.parse("- ".repeat(2000) + "x\n").getFirstChild())
        .isInstanceOf(BulletList.class);
    assertThat(SCANNED.parse("-".repeat(50_000) + "x\n").getFirstChild())
        .isInstanceOf(Paragraph.class);
    assertThat(SCANNED.parse("* ".repeat(50_000) + "\n").getFirstChild())
        .isInstanceOf(ThematicBreak.class);
  }
}
