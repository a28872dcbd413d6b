package dev.lanes.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Random PLAN.md documents (unicode prose, headings, lists, fences holding {@code ## Locks}, other
 * tables, blank and trailing-blank lines, LF, CRLF or mixed endings, a BOM, the Locks and Board
 * sections present with or without a table, or missing) written with random rows: the bytes outside
 * the two tables stay, the rows read back, and a second write changes nothing.
 */
class PlanTableWriterPropertyTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
  private static final String LOCKS_HEADER =
      "| lock_id | owner | scope | objective | start | heartbeat | expires |";
  private static final String BOARD_HEADER =
      "| lane | status | wave | attempt | checkpoint | updated | note |";
  private static final List<String> WORDS =
      List.of(
          "lorem",
          "ipsum",
          "Zed",
          "naïve",
          "café",
          "ünïcödé",
          "日本語",
          "中文",
          "한국어",
          "😀",
          "🚀👍",
          "a|b",
          "`code`",
          "**bold**",
          "_em_",
          "[link](http://x.y)",
          "<b>",
          "x\\y",
          "Locks",
          "Board",
          "##",
          "|",
          "--",
          "Ωmega",
          "tab\there",
          "1.",
          "#7");
  private static final List<String> TOKENS =
      List.of(
          "a", "Zed", "x1", "ünï", "café", "日本", "中文字", "😀", "🚀👍", "é", "|", "\\", "`", ",", " ",
          "\t", "*", "_", "#", "<b>", "[x]", "(", "\u00a0", "-", ":", "/**", ".", "\\|", "\u3000");

  /** What the writer must produce: literal text and freshly rendered tables, in order. */
  private sealed interface Part permits Literal, Table {}

  private record Literal(String text) implements Part {}

  private record Table(String header, int rows) implements Part {}

  record Example(
      String source,
      List<Part> expected,
      boolean exact,
      List<LockRow> locks,
      List<BoardRow> board) {
    @Override
    public String toString() {
      return "source:\n"
          + source.replace("\r", "\\r").replace("\t", "\\t")
          + "\nlocks: "
          + locks
          + "\nboard: "
          + board;
    }
  }

  /** Choices drawn from QuickTheories' randomness, so its seed and shrinking apply. */
  private static final class Pick {
    private final RandomnessSource in;

    Pick(RandomnessSource in) {
      this.in = in;
    }

    int below(int n) {
      return (int) in.next(Constraint.between(0, n - 1));
    }

    boolean chance(int percent) {
      return below(100) < percent;
    }

    <T> T of(List<T> items) {
      return items.get(below(items.size()));
    }
  }

  /** Builds the source line by line and remembers offsets. */
  private static final class Doc {
    final StringBuilder text = new StringBuilder();
    final Pick pick;
    final int eolMode;

    Doc(Pick pick) {
      this.pick = pick;
      this.eolMode = pick.below(5);
    }

    String eol() {
      switch (eolMode) {
        case 0:
        case 1:
          return "\n";
        case 2:
        case 3:
          return "\r\n";
        default:
          return pick.chance(60) ? "\r\n" : "\n";
      }
    }

    void line(String content) {
      text.append(content).append(eol());
    }

    int length() {
      return text.length();
    }

    String trailing() {
      return pick.chance(80) ? "" : pick.of(List.of(" ", "  ", "\t", " \t "));
    }

    String words(int max) {
      StringBuilder s = new StringBuilder(pick.of(List.of("Plain", "Über", "Text", "日本", "Note")));
      int n = pick.below(max + 1);
      for (int i = 0; i < n; i++) {
        s.append(' ').append(pick.of(WORDS));
      }
      return s.toString();
    }

    void blank() {
      line(pick.chance(80) ? "" : pick.of(List.of(" ", "   ", "\t")));
    }

    void block() {
      switch (pick.below(8)) {
        case 0:
          for (int i = 0, n = 1 + pick.below(3); i < n; i++) {
            line(words(6) + trailing());
          }
          break;
        case 1:
          line("#".repeat(1 + pick.below(6)) + " " + words(3) + trailing());
          break;
        case 2:
          for (int i = 0, n = 1 + pick.below(3); i < n; i++) {
            line(pick.of(List.of("- ", "* ", "1. ", "  - ")) + words(4) + trailing());
          }
          break;
        case 3:
          String fence = pick.of(List.of("```", "~~~", "````"));
          line(fence + pick.of(List.of("", "md", "text")));
          for (int i = 0, n = pick.below(5); i < n; i++) {
            line(
                pick.of(
                    List.of(
                        "## Locks",
                        "## Board",
                        LOCKS_HEADER,
                        BOARD_HEADER,
                        "|---|---|",
                        "| a | b |",
                        words(3),
                        "")));
          }
          line(fence);
          break;
        case 4:
          line("| h1 | " + words(1) + " |");
          line("|---|---|");
          for (int i = 0, n = pick.below(3); i < n; i++) {
            line("| " + words(1) + " | " + words(2) + " |" + trailing());
          }
          break;
        case 5:
          line("> " + pick.of(List.of("## Locks", "## Board", words(3))));
          break;
        case 6:
          line(pick.of(List.of("<!-- ## Locks -->", "    ## Locks", "    | lock_id |")));
          break;
        default:
          line(words(2) + trailing());
          line(pick.of(List.of("===", "---")));
          break;
      }
    }

    void blocks(int max) {
      for (int i = 0, n = pick.below(max + 1); i < n; i++) {
        block();
        blank();
        if (pick.chance(20)) {
          blank();
        }
      }
    }
  }

  private static String value(Pick pick) {
    StringBuilder s = new StringBuilder();
    for (int i = 0, n = pick.below(7); i < n; i++) {
      s.append(pick.of(TOKENS));
    }
    return s.toString().trim();
  }

  private static Instant time(Pick pick) {
    long minutes = 15_778_080L + pick.below(52_596_000);
    return Instant.ofEpochSecond(minutes * 60);
  }

  private static LockRow lock(Pick pick) {
    return new LockRow(
        value(pick), value(pick), value(pick), value(pick), time(pick), time(pick), time(pick));
  }

  private static BoardRow boardRow(Pick pick) {
    String id = pick.of(List.of("L", "x", "Lane")) + pick.of(List.of("", "-1", ".2", "_3", "9"));
    return new BoardRow(
        new LaneId(id),
        pick.of(List.of(BoardStatus.values())),
        pick.chance(30) ? OptionalInt.empty() : OptionalInt.of(pick.below(100)),
        pick.below(10),
        value(pick),
        pick.chance(30) ? Optional.empty() : Optional.of(time(pick)),
        value(pick));
  }

  /** Section modes: 0 missing, 1 heading without table, 2 empty table, 3 table with rows. */
  static Gen<Example> examples() {
    return in -> {
      Pick pick = new Pick(in);
      Doc doc = new Doc(pick);
      if (pick.chance(15)) {
        doc.text.append('\uFEFF');
      }
      if (pick.chance(50)) {
        doc.line("# " + doc.words(3));
        doc.blank();
      }
      if (pick.chance(40)) {
        doc.line("## Lanes");
        doc.blank();
        doc.line("### L-1: " + doc.words(3));
        doc.line("- scope: `src/**`, docs/" + pick.of(List.of("a.md", "日本.md")));
        doc.blank();
        doc.line(doc.words(5));
        doc.blank();
        // Random level-3 headings must not land in the Lanes section, where they are lanes.
        doc.line("## Notes");
        doc.blank();
      }
      doc.blocks(3);
      List<String> names = pick.chance(70) ? List.of("Locks", "Board") : List.of("Board", "Locks");
      List<int[]> ranges = new ArrayList<>();
      List<String> headers = new ArrayList<>();
      boolean anyMissing = false;
      for (String name : names) {
        int mode = pick.below(4);
        String header = name.equals("Locks") ? LOCKS_HEADER : BOARD_HEADER;
        if (mode == 0) {
          anyMissing = true;
          doc.blocks(2);
          continue;
        }
        doc.line(
            pick.of(List.of("## ", "##  "))
                + pick.of(List.of(name, name.toUpperCase()))
                + doc.trailing());
        if (mode == 1) {
          int headingEnd = doc.length();
          ranges.add(new int[] {-1, headingEnd});
          headers.add(header);
          if (pick.chance(50)) {
            doc.blank();
          }
          if (pick.chance(50)) {
            doc.line(doc.words(4));
            doc.blank();
          }
          // Close the section before random blocks could put a table into it.
          doc.line("## " + doc.words(2));
          doc.blank();
        } else {
          if (pick.chance(70)) {
            doc.blank();
          }
          if (pick.chance(25)) {
            doc.line(doc.words(4));
            doc.blank();
          }
          doc.text.append(" ".repeat(pick.chance(80) ? 0 : 1 + pick.below(3)));
          int start = doc.length();
          String shown =
              pick.of(
                  List.of(header, header.toUpperCase(), header.replace(" ", ""), "| id | who |"));
          int columns = shown.split("\\|", -1).length - 2;
          String end = doc.trailing();
          doc.text.append(shown).append(end);
          String sep =
              pick.chance(50) ? "|---".repeat(columns) + "|" : "| :--- ".repeat(columns) + "|";
          int rows = mode == 2 ? 0 : 1 + pick.below(3);
          StringBuilder body = new StringBuilder(sep);
          for (int i = 0; i < rows; i++) {
            body.append(doc.eol()).append("|");
            for (int c = 0; c < columns; c++) {
              body.append(' ')
                  .append(pick.of(List.of("`x`", "10:00", "L-9", "日本", "")))
                  .append(" |");
            }
            body.append(doc.trailing());
          }
          doc.text.append(doc.eol()).append(body);
          ranges.add(new int[] {start, doc.length()});
          headers.add(header);
          // A table ends at a blank line; a text line right after it would be one more row.
          doc.line("");
          doc.blank();
          doc.blocks(2);
        }
      }
      doc.blocks(2);
      if (pick.chance(10)) {
        doc.line("```");
        doc.line("## Locks");
      }
      if (pick.chance(30) && doc.length() > 0 && doc.text.charAt(doc.length() - 1) == '\n') {
        int cut = doc.length() > 1 && doc.text.charAt(doc.length() - 2) == '\r' ? 2 : 1;
        doc.text.setLength(doc.length() - cut);
      }
      String source = doc.text.toString();
      List<LockRow> locks = new ArrayList<>();
      for (int i = 0, n = pick.below(4); i < n; i++) {
        locks.add(lock(pick));
      }
      List<BoardRow> board = new ArrayList<>();
      for (int i = 0, n = pick.below(4); i < n; i++) {
        board.add(boardRow(pick));
      }
      String eol = majorityEol(source);
      List<Part> parts = new ArrayList<>();
      int cursor = 0;
      for (int i = 0; i < ranges.size(); i++) {
        int[] r = ranges.get(i);
        int rows = headers.get(i).equals(LOCKS_HEADER) ? locks.size() : board.size();
        Table table = new Table(headers.get(i), rows);
        if (r[0] >= 0) {
          parts.add(new Literal(source.substring(cursor, r[0])));
          parts.add(table);
          cursor = r[1];
        } else {
          int at = r[1];
          if (at > source.length()) {
            // The heading lost its terminator at the end of the file.
            parts.add(new Literal(source.substring(cursor) + eol + eol));
            parts.add(table);
            parts.add(new Literal(eol));
            cursor = source.length();
          } else {
            int lineEnd = at;
            while (lineEnd < source.length() && "\r\n".indexOf(source.charAt(lineEnd)) < 0) {
              lineEnd++;
            }
            boolean blankFollows = source.substring(at, lineEnd).isBlank();
            parts.add(new Literal(source.substring(cursor, at) + eol));
            parts.add(table);
            parts.add(new Literal(eol + (blankFollows ? "" : eol)));
            cursor = at;
          }
        }
      }
      parts.add(new Literal(source.substring(cursor)));
      return new Example(source, parts, !anyMissing, locks, board);
    };
  }

  private static String majorityEol(String text) {
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

  /** Matches the output against the expected parts; returns where the match ended. */
  private static int match(String out, List<Part> parts, String eol) {
    int at = 0;
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        assertThat(out.substring(at))
            .as("unchanged text at offset %d", at)
            .startsWith(literal.text());
        at += literal.text().length();
      } else {
        Table table = (Table) part;
        String separator = "|---|---|---|---|---|---|---|";
        assertThat(out.substring(at)).startsWith(table.header() + eol + separator);
        at += (table.header() + eol + separator).length();
        for (int i = 0; i < table.rows(); i++) {
          assertThat(out.substring(at)).startsWith(eol + "| ");
          int lineEnd = at + eol.length();
          while (lineEnd < out.length() && "\r\n".indexOf(out.charAt(lineEnd)) < 0) {
            lineEnd++;
          }
          assertThat(out.substring(at + eol.length(), lineEnd)).endsWith(" |");
          at = lineEnd;
        }
      }
    }
    return at;
  }

  @Test
  void writingKeepsEveryOtherByteReadsBackAndIsIdempotent() {
    qt().withFixedSeed(20261122L)
        .withExamples(400)
        .withShrinkCycles(20)
        .forAll(examples())
        .checkAssert(
            example -> {
              String out =
                  PlanTableWriter.write(example.source(), example.locks(), example.board());

              int matched = match(out, example.expected(), majorityEol(example.source()));
              if (example.exact()) {
                assertThat(matched).isEqualTo(out.length());
              } else if (example.expected().size() == 1) {
                assertThat(out).startsWith(example.source());
              }
              PlanRead read = PlanReader.read(out, TODAY);
              assertThat(read.problems()).isEmpty();
              assertThat(read.plan().locks()).isEqualTo(example.locks());
              assertThat(read.plan().board()).isEqualTo(example.board());
              assertThat(PlanTableWriter.write(out, example.locks(), example.board()))
                  .isEqualTo(out);
            });
  }
}
