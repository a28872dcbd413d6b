package dev.lanes.cli;

import dev.lanes.git.GitCli;
import dev.lanes.git.Worktrees;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code lanes cleanup}: removes finished worktrees and branches. */
@Command(
    name = "cleanup",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    header = "Remove finished worktrees and branches.",
    description = {
      "Remove the worktrees and branches of integrated or cancelled lanes and prune what git no",
      "longer knows. Never removes a worktree holding changes no patch has captured."
    },
    footer = {"", "Example:", "  lanes cleanup"})
public final class CleanupCommand extends LaneCommands implements Callable<Integer> {
  @Override
  public Integer call() {
    var workspace = workspace();
    GitCli git = GitCli.system();
    actions(workspace).cleanup(new Worktrees(git)).forEach(out()::println);
    return 0;
  }
}
