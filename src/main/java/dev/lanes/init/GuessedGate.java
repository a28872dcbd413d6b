package dev.lanes.init;

import java.util.Objects;

/**
 * One row of the gates table that {@code lanes init} proposes from the build files it found.
 *
 * @param name what the gate checks, in words
 * @param command the shell command, run through {@code sh -c} in the worktree being checked
 * @param when where it runs: a comma-separated subset of {@code lane}, {@code patch}, {@code wave}
 * @param timeout how long it may run, like {@code 15m}
 */
public record GuessedGate(String name, String command, String when, String timeout) {

  public GuessedGate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(timeout, "timeout");
  }
}
