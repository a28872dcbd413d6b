package dev.lanes.cli;

import dev.lanes.error.ExitCode;
import picocli.CommandLine.Command;

/** {@code lanes cleanup}: removes finished worktrees and branches. */
@Command(
    name = "cleanup",
    header = "Remove finished worktrees and branches.",
    description = {
      "Remove the worktrees and branches of integrated or cancelled lanes and prune what git no",
      "longer knows. Never removes a worktree holding changes no patch has captured."
    },
    footer = {"", "Example:", "  lanes cleanup"})
public final class CleanupCommand extends RepoCommand {
  @Override
  public Integer call() {
    wiring.laneActions(workspace().root()).cleanup(wiring.worktrees).forEach(out()::println);
    return ExitCode.OK.code();
  }
}
