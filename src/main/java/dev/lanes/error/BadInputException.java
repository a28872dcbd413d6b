package dev.lanes.error;

import java.util.List;

/** Bad usage or bad input: every problem found, sorted by file and position. Exit 2. */
public final class BadInputException extends LanesException {
  public BadInputException(List<Problem> problems) {
    super(Problem.lines(problems));
  }

  /** A usage problem that belongs to no file (a bad option value, an unknown lane id). */
  public static BadInputException usage(String message) {
    return new BadInputException(List.of(new Problem(Problem.USAGE, 1, 1, message)));
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.BAD_INPUT;
  }
}
