package dev.lanes.cli;

import dev.lanes.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanes checkpoint}: a worker records progress in the ledger. */
@Command(
    name = "checkpoint",
    header = "Record a worker's progress in the ledger.",
    description = {
      "Append a checkpoint entry to the lane's ledger and show it on the Board.",
      "Workers call it at any time, from their worktree; a resumed worker is told the last one."
    },
    footer = {
      "",
      "Example:",
      "  lanes checkpoint --lane L-003 --done \"parser reads tables\" --next \"writer\""
    })
public final class CheckpointCommand extends RepoCommand {
  @Option(names = "--lane", required = true, paramLabel = "ID", description = "The lane.")
  String lane;

  @Option(names = "--done", required = true, paramLabel = "TEXT", description = "What is done.")
  String done;

  @Option(
      names = "--next",
      defaultValue = "",
      paramLabel = "TEXT",
      description = "What comes next.")
  String next;

  @Override
  public Integer call() {
    wiring.laneActions(workspace().root()).checkpoint(lane, done, next);
    out().println("checkpoint recorded for " + lane);
    return ExitCode.OK.code();
  }
}
