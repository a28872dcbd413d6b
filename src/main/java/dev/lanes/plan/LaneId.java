package dev.lanes.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A lane id as the contract spells it, {@code [A-Za-z][A-Za-z0-9._-]*}, that is also usable as the
 * branch {@code lanes/<id>} (git's ref-name rules, {@link BranchName}) and at most {@link
 * #MAX_LENGTH} characters long, so that the files named after it ({@code
 * .lanes/worktrees/<id>.<N>}, {@code ledger/<id>/NNN-kind.md}) stay far below the usual 255-byte
 * limit of a file name.
 */
public record LaneId(String value) implements Comparable<LaneId> {
  /** The longest lane id lanes accepts. */
  public static final int MAX_LENGTH = 100;

  private static final Pattern FORM = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

  public LaneId {
    Optional<String> problem = problem(value);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("not a lane id: " + value + " (" + problem.get() + ")");
    }
  }

  public static boolean isValid(String value) {
    return problem(value).isEmpty();
  }

  /** Whether {@code value} has the contract's form (a letter, then letters, digits, . _ -). */
  public static boolean hasForm(String value) {
    return value != null && FORM.matcher(value).matches();
  }

  /** Why {@code value} is not a lane id, as a phrase; empty when it is one. */
  public static Optional<String> problem(String value) {
    if (value != null && value.length() > MAX_LENGTH) {
      return Optional.of(
          "it is "
              + value.length()
              + " characters long; a lane id has at most "
              + MAX_LENGTH
              + " (it names a branch, a worktree folder and ledger files)");
    }
    if (!hasForm(value)) {
      return Optional.of("a lane id is a letter, then letters, digits, `.`, `_` or `-`");
    }
    return BranchName.problem("lanes/" + value)
        .map(why -> "git refuses the branch name lanes/" + value + ": " + why);
  }

  @Override
  public int compareTo(LaneId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
