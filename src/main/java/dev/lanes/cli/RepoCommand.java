package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.git.GitRepository;
import java.io.PrintWriter;
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
    // Read at start-up beside picocli when the command line named this folder (RepoPreload).
    return RepoPreload.take(common.repoOrCwd())
        .orElseGet(() -> RepoPreload.load(common.repoOrCwd()));
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
