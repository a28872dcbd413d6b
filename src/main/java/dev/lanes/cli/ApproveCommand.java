package dev.lanes.cli;

import dev.lanes.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanes approve}: a person approves commands for a blocked lane. */
@Command(
    name = "approve",
    header = "Approve a command prefix for a blocked lane.",
    description = {
      "Record your approval for a blocked lane, scoped to a command prefix: the worker may run",
      "commands starting with it. Writes an approval entry (who, what, when). Then `lanes resume`."
    },
    footer = {
      "",
      "Example:",
      "  lanes approve L-003 --scope \"npm install\" && lanes resume L-003"
    })
public final class ApproveCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "LANE", description = "The lane.")
  String lane;

  @Option(
      names = "--scope",
      required = true,
      paramLabel = "PREFIX",
      description = "The command prefix approved.")
  String scope;

  @Override
  public Integer call() {
    String by = person();
    wiring.laneActions(workspace().root()).approve(lane, scope, by);
    out()
        .printf(
            "approved `%s` for %s (by %s); run %s to continue%n",
            scope, lane, by, Remedies.resume(lane));
    return ExitCode.OK.code();
  }
}
