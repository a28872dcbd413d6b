package dev.lanes.testing;

import dev.lanes.error.ExitCode;
import dev.lanes.git.CliCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * The one assertion for a lanes command's result: its exit code, and what it printed; a failure
 * shows both streams, so a red test says what lanes said.
 */
public final class RunAssert extends AbstractAssert<RunAssert, TestRepo.Run> {
  /** The git subcommands that change a repository (the rest only read it). */
  private static final Set<String> ACTIONS =
      Set.of(
          "add",
          "am",
          "apply",
          "branch",
          "checkout",
          "cherry-pick",
          "commit",
          "commit-tree",
          "config",
          "fetch",
          "gc",
          "merge",
          "mv",
          "pull",
          "push",
          "read-tree",
          "rebase",
          "reset",
          "restore",
          "revert",
          "rm",
          "stash",
          "switch",
          "tag",
          "update-index",
          "update-ref",
          "worktree");

  private static final Set<String> READING_ARGS =
      Set.of("--get", "--list", "--show-current", "list", "--numstat", "--check", "--stat");

  private RunAssert(TestRepo.Run actual) {
    super(actual, RunAssert.class);
  }

  public static RunAssert assertThat(TestRepo.Run actual) {
    return new RunAssert(actual);
  }

  /** The command exited 0. */
  public RunAssert succeeded() {
    return exitedWith(0);
  }

  /** The command exited with {@code code}. */
  public RunAssert exitedWith(ExitCode code) {
    return exitedWith(code.code());
  }

  /** The command exited with {@code code}. */
  public RunAssert exitedWith(int code) {
    isNotNull();
    if (actual.exitCode() != code) {
      failWithMessage(
          "expected exit %d, got %d%n--- stdout%n%s--- stderr%n%s",
          code, actual.exitCode(), actual.out(), actual.err());
    }
    return this;
  }

  /** The command did not exit 0. */
  public RunAssert failed() {
    isNotNull();
    if (actual.exitCode() == 0) {
      failWithMessage("expected a failure, got exit 0%n--- stdout%n%s", actual.out());
    }
    return this;
  }

  /** Git ran {@code times} calls whose arguments start with {@code words}. */
  public RunAssert ranGit(int times, String... words) {
    isNotNull();
    List<CliCall> found = actual.git(words);
    if (found.size() != times) {
      failWithMessage(
          "expected %d git calls starting with %s, got %d; all git calls:%n%s",
          times, List.of(words), found.size(), calls());
    }
    return this;
  }

  /** Git changed nothing in any repository: every call only read. */
  public RunAssert ranNoGitAction() {
    isNotNull();
    List<CliCall> actions = actual.git().stream().filter(RunAssert::isAction).toList();
    if (!actions.isEmpty()) {
      failWithMessage("expected git only to read, but it ran:%n%s", actions);
    }
    return this;
  }

  /**
   * Git changed nothing in {@code dir} (the person's checkout, say) but through the subcommands
   * {@code allowed}.
   */
  public RunAssert ranNoGitActionIn(Path dir, String... allowed) {
    isNotNull();
    List<CliCall> actions =
        actual.git().stream()
            .filter(c -> c.dir().normalize().equals(dir.normalize()) && isAction(c))
            .filter(c -> !List.of(allowed).contains(TestRepo.Run.command(c).get(0)))
            .toList();
    if (!actions.isEmpty()) {
      failWithMessage("expected git to change nothing in %s, but it ran:%n%s", dir, actions);
    }
    return this;
  }

  private static boolean isAction(CliCall call) {
    List<String> args = TestRepo.Run.command(call);
    return !args.isEmpty()
        && ACTIONS.contains(args.get(0))
        && args.stream().noneMatch(READING_ARGS::contains)
        && !(args.get(0).equals("config") && args.size() <= 3 && !args.contains("--unset"));
  }

  private String calls() {
    StringBuilder out = new StringBuilder();
    actual.git().forEach(c -> out.append(c.dir()).append(": ").append(c.args()).append('\n'));
    return out.toString();
  }

  /** Standard output holds {@code text}. */
  public RunAssert printed(String text) {
    isNotNull();
    if (!actual.out().contains(text)) {
      failWithMessage(
          "expected stdout to contain%n%s%n--- stdout%n%s--- stderr%n%s",
          text, actual.out(), actual.err());
    }
    return this;
  }

  /** Standard error holds {@code text}. */
  public RunAssert complained(String text) {
    isNotNull();
    if (!actual.err().contains(text)) {
      failWithMessage(
          "expected stderr to contain%n%s%n--- stderr%n%s--- stdout%n%s",
          text, actual.err(), actual.out());
    }
    return this;
  }
}
