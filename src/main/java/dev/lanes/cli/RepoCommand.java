package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.git.GitCheckout;
import dev.lanes.git.GitRepository;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine;

/** What every command shares: the common options, the output streams, the repository. */
abstract class RepoCommand {
  @CommandLine.Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  GitRepository openRepository() {
    return GitRepository.open(common.repoOrCwd());
  }

  /** Reads PLAN.md and AGENTS.md and the tracked files of the repository. */
  Loaded load() {
    GitCheckout checkout = GitCheckout.open(common.repoOrCwd());
    // Two cores: list the tracked files while PLAN.md and AGENTS.md are parsed.
    java.util.concurrent.CompletableFuture<List<String>> files =
        java.util.concurrent.CompletableFuture.supplyAsync(checkout::trackedFiles);
    Workspace workspace = Workspace.load(checkout.workTree(), LocalDate.now(Clock.systemUTC()));
    return new Loaded(workspace, files.join(), checkout.branch().orElse("HEAD"));
  }

  /** Reads a duration option such as {@code --timeout 45m}; a bad one is bad usage (exit 2). */
  static java.util.Optional<java.time.Duration> durationOption(String name, String value) {
    if (value == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        dev.lanes.policy.Durations.parse(value)
            .orElseThrow(
                () ->
                    dev.lanes.error.BadInputException.usage(
                        name + " takes a duration like 90s, 45m or 2h, not `" + value + "`")));
  }

  /** A workspace with the tracked files and checked-out branch read at the same time. */
  record Loaded(Workspace workspace, List<String> trackedFiles, String branch) {}
}
