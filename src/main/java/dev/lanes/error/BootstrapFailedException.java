package dev.lanes.error;

import java.util.List;

/** AGENTS.md lacks required headings, or has them empty. Exit 4. */
public final class BootstrapFailedException extends LanesException {
  public BootstrapFailedException(List<Problem> problems) {
    super(Problem.lines(problems));
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.BOOTSTRAP_FAILED;
  }
}
