package dev.lanes.error;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One problem found in a file the user wrote, at a 1-based line and column, printed the way
 * compilers print them so that editors can jump to it: {@code PLAN.md:12:3: message}.
 */
public record Problem(String file, int line, int column, String message)
    implements Comparable<Problem> {
  /** The "file" of a usage problem, which belongs to no file: shown as {@code lanes: message}. */
  public static final String USAGE = "lanes";

  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::file)
          .thenComparingInt(Problem::line)
          .thenComparingInt(Problem::column)
          .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 1) {
      line = 1;
    }
    if (column < 1) {
      column = 1;
    }
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }

  /** The problems sorted, one a line, as an error message shows them. */
  static String lines(List<Problem> problems) {
    return problems.stream()
        .sorted()
        .map(p -> p.file().equals(USAGE) ? USAGE + ": " + p.message() : p.toString())
        .collect(Collectors.joining(System.lineSeparator()));
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
