package dev.lanes.error;

import java.util.List;
import java.util.stream.Collectors;

/** AGENTS.md lacks required headings, or has them empty. Exit 4. */
public final class BootstrapFailedException extends LanesException {
  private final List<Problem> problems;

  public BootstrapFailedException(List<Problem> problems) {
    super(
        problems.stream()
            .sorted()
            .map(Problem::toString)
            .collect(Collectors.joining(System.lineSeparator())));
    this.problems = problems.stream().sorted().toList();
  }

  public List<Problem> problems() {
    return problems;
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.BOOTSTRAP_FAILED;
  }
}
