package dev.lanes.error;

import java.util.List;
import java.util.stream.Collectors;

/** Bad usage or bad input: every problem found, sorted by file and position. Exit 2. */
public final class BadInputException extends LanesException {
  private final List<Problem> problems;

  public BadInputException(List<Problem> problems) {
    super(render(problems));
    this.problems = problems.stream().sorted().toList();
  }

  /** A usage problem that belongs to no file (a bad option value, an unknown lane id). */
  public static BadInputException usage(String message) {
    return new BadInputException(List.of(new Problem("lanes", 1, 1, message)));
  }

  public List<Problem> problems() {
    return problems;
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.BAD_INPUT;
  }

  private static String render(List<Problem> problems) {
    return problems.stream()
        .sorted()
        .map(p -> p.file().equals("lanes") ? "lanes: " + p.message() : p.toString())
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
