package dev.lanes.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanes approve}: a person approves commands for a blocked lane. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
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
public final class ApproveCommand extends LaneCommands implements Callable<Integer> {
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
    var workspace = workspace();
    String by = person();
    actions(workspace).approve(lane, scope, by);
    out()
        .printf(
            "approved `%s` for %s (by %s); run `lanes resume %s` to continue%n",
            scope, lane, by, lane);
    return 0;
  }
}
