package dev.lanes.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.Position;
import org.junit.jupiter.api.Test;

/** The nesting limit is checked on the raw text, like CommonMark nests containers. */
class NestingDepthTest {
  private static String list(int depth) {
    StringBuilder s = new StringBuilder("# x\n\n");
    for (int k = 0; k < depth; k++) {
      s.append("  ".repeat(k)).append("- item\n");
    }
    return s.toString();
  }

  @Test
  void aHundredLevelsAreRead() {
    assertThat(NestingDepth.tooDeep(list(100))).isEmpty();
  }

  @Test
  void levelHundredAndOneIsRefusedWhereItStarts() {
    assertThat(NestingDepth.tooDeep(list(101))).contains(new Position(103, 201));
  }

  @Test
  void markersOnOneLineNestToo() {
    assertThat(NestingDepth.tooDeep("- ".repeat(101) + "x\n")).contains(new Position(1, 201));
    assertThat(NestingDepth.tooDeep("> ".repeat(101) + "x\n")).contains(new Position(1, 201));
    assertThat(NestingDepth.tooDeep("1. ".repeat(101) + "x\n")).contains(new Position(1, 301));
  }

  @Test
  void thematicBreaksIndentedCodeAndFencesOpenNothing() {
    assertThat(NestingDepth.tooDeep("* ".repeat(500) + "\n")).isEmpty();
    assertThat(NestingDepth.tooDeep("    " + "- ".repeat(500) + "x\n")).isEmpty();
    assertThat(NestingDepth.tooDeep("```\n" + list(300) + "```\n")).isEmpty();
    assertThat(NestingDepth.tooDeep("~~~md\n" + "- ".repeat(500) + "x\n~~~\n")).isEmpty();
  }

  @Test
  void aFenceClosesAndListsAfterItCountAgain() {
    assertThat(NestingDepth.tooDeep("```\nx\n```\n" + "- ".repeat(101) + "x\n"))
        .contains(new Position(4, 201));
  }

  @Test
  void aListThatComesBackOutStartsOver() {
    String text = list(90) + "\nback at the left\n\n" + list(90).substring("# x\n\n".length());
    assertThat(NestingDepth.tooDeep(text)).isEmpty();
  }

  @Test
  void crlfAndAByteOrderMarkCountLinesAndColumnsLikeTheReaders() {
    String text = "\uFEFF# x\r\n\r\n" + "- ".repeat(101) + "x\r\n";
    assertThat(NestingDepth.tooDeep(text)).contains(new Position(3, 201));
  }
}
